// The shared conformance suite against a real PostgreSQL server, each test on a fresh schema.
import { defineStoreConformance } from '@logbook/store-testkit';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createPostgresStore } from '../src/index.js';
import { freshSchemaName, testPostgresUrl } from '../src/testing/index.js';

let pool: pg.Pool | undefined;
afterAll(async () => {
  await pool?.end();
});

defineStoreConformance({
  name: 'postgres',
  create: async () => {
    pool ??= new pg.Pool({ connectionString: await testPostgresUrl(), max: 20 });
    return createPostgresStore({ pool, schema: freshSchemaName('conf') });
  },
  capabilities: {
    notifications: true,
    snapshots: true,
    uniques: true,
    transactions: true,
    checkpoints: true,
    leases: true,
  },
});
