// Test config for @logbook/client (its end-to-end behaviour is tested against a real server in packages/server/test).
import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'client', include: ['test/**/*.test.ts'] } });
