export { PostgresStore, PostgresStoreError, type PostgresStoreOptions } from './postgres-store.js'
export { MIGRATIONS, SCHEMA_VERSION, SchemaTooNewError, migrate } from './migrations.js'
