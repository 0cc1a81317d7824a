// One test per SQL operation file (src/sql/*.sql), run directly against a migrated schema.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/sql.js';
import { close, open } from './ops/context.js';
import { eventOperationTests } from './ops/event-ops.js';
import { sideOperationTests } from './ops/side-ops.js';

const tests = { ...eventOperationTests, ...sideOperationTests };

beforeAll(open);
afterAll(close);

describe('SQL operations', () => {
  it('every file under src/sql is a known operation with a test', () => {
    const files = readdirSync(new URL('../src/sql/', import.meta.url)).map((f) => f.replace(/\.sql$/, ''));
    expect(files.sort()).toEqual([...OPERATIONS].sort());
    expect(Object.keys(tests).sort()).toEqual([...OPERATIONS].sort());
  });
  for (const op of OPERATIONS) {
    const test = tests[op];
    if (test) it(op, test);
  }
});
