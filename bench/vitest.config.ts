// Vitest project for the bench: only the quick harness run (full benchmark runs are `npm run bench`, never tests).
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bench',
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
