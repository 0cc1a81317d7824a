// @logbook/store-postgres: the PostgreSQL store (pg is a peer dependency) and its migrations.
export { PostgresStore, createPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions } from './options.js';
export { DEFAULT_SCHEMA, migrate, type MigrateOptions } from './migrate.js';
export { channelName } from './schema-name.js';
export type { PgClient, PgPool, PgPoolClient } from './pg-types.js';
