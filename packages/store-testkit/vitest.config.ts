// Test config for the conformance suite package (runs the suite against the memory store).
import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'store-testkit', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] } });
