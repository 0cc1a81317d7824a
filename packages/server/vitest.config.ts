// Test config for @logbook/server: end-to-end over real HTTP against real stores.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'server', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
