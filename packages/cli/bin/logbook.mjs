#!/usr/bin/env node
// The `logbook` command: registers tsx so the TypeScript entry runs as is (the repo ships source, not builds).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
