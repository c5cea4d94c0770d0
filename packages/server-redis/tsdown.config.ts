import { adapterConfig } from '../../scripts/adapter-tsdown.ts'

export default adapterConfig(['ioredis', '@xpert-ai/chatkit-protocol'])
