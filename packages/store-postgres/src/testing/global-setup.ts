// Vitest global setup: one throw-away server for the whole run, handed to test workers via env and `provide`.
import { TEST_POSTGRES_ENV } from './index.js';
import { startThrowawayPostgres } from './throwaway-postgres.js';

interface SetupContext {
  provide(key: string, value: unknown): void;
}

export default async function setup(context: SetupContext): Promise<() => Promise<void>> {
  if (process.env[TEST_POSTGRES_ENV]) return async () => {};
  const server = await startThrowawayPostgres();
  process.env[TEST_POSTGRES_ENV] = server.connectionString;
  context.provide('logbookPostgresUrl', server.connectionString);
  return async () => {
    delete process.env[TEST_POSTGRES_ENV];
    await server.stop();
  };
}
