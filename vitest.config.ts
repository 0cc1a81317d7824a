// Root test runner config: each workspace with a vitest.config.ts is its own project.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      'bench/vitest.config.{ts,mts}',
      'scripts/vitest.config.ts',
    ],
  },
});
