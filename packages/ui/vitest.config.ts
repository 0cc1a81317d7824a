// The UI's browser tests: real Chromium (Debian's) against a real server; one file, run serially.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'ui',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // The browser waits on a real server; on a loaded 2-core CI machine a page can take more than the default 1 s.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
