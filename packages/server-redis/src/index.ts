export { RedisRunEventLog, type RedisRunEventLogOptions } from './redis-event-log.js'
export { SharedStreamReader } from './shared-reader.js'
export { connectRedisEventLog, MIN_REDIS_MAJOR, RedisConnectError, type RedisConnection } from './connect.js'
export { ReplicaPresence, type DeadReplica, type ReplicaPresenceOptions } from './replica-presence.js'
