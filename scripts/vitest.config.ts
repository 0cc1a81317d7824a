// Test config for the repository scripts (the architecture check).
import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'scripts', include: ['*.test.ts'] } });
