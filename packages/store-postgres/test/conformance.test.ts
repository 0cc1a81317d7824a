// The shared conformance suite against a real PostgreSQL server, each test on a fresh schema.
import { ALL_CAPABILITIES } from '@logbook/core';
import { defineStoreConformance } from '@logbook/store-testkit';
import pg from 'pg';
import { afterAll } from 'vitest';
import { createPostgresStore } from '../src/index.js';
import { freshSchemaName, startThrowawayPostgres } from '../src/testing/index.js';

// Its own server, not the run's shared one: readers see events only below the oldest running transaction of the
// whole cluster, so other test files' open transactions would make the read-side scenarios see the log lag behind
// committed read models (the documented limit in docs/stores/postgres.md), and those scenarios check exact agreement.
const server = startThrowawayPostgres();
let pool: pg.Pool | undefined;
afterAll(async () => {
  await pool?.end();
  await (await server).stop();
});

const capabilities = ALL_CAPABILITIES;

for (const notify of ['in-transaction', 'after-commit'] as const) {
  defineStoreConformance({
    name: `postgres (notify ${notify})`,
    create: async () => {
      pool ??= new pg.Pool({ connectionString: (await server).connectionString, max: 20 });
      return createPostgresStore({ pool, schema: freshSchemaName('conf'), notify });
    },
    capabilities,
  });
}
