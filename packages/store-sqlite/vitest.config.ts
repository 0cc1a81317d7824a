// Test config for @logbook/store-sqlite.
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'store-sqlite',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
});
