// Vitest project for the PostgreSQL store: one throw-away server for the run, a fresh schema per test.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'store-postgres',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
