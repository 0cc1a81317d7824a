// Test config for @logbook/server: end-to-end over real HTTP against memory, SQLite and a throw-away PostgreSQL.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    globalSetup: ['../store-postgres/src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
