// The architecture check must catch a wrong-way import and a store that skips the conformance suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, 'check-deps.mjs');
let root = '';

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function tree(files: Record<string, string>): { code: number | null; out: string } {
  root = mkdtempSync(join(tmpdir(), 'check-deps-'));
  write('packages/core/package.json', '{"name":"@logbook/core"}');
  write('packages/server/package.json', '{"name":"@logbook/server"}');
  write('packages/store-x/package.json', '{"name":"@logbook/store-x"}');
  for (const [p, t] of Object.entries(files)) write(p, t);
  const r = spawnSync(process.execPath, [script], { env: { ...process.env, CHECK_DEPS_ROOT: root }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('check-deps', () => {
  it('passes a tree whose imports point the allowed way', () => {
    const r = tree({
      'packages/server/src/a.ts': "import { x } from '@logbook/core';",
      'packages/store-x/src/a.ts': "import { x } from '@logbook/core';",
      'packages/store-x/test/c.test.ts': "defineStoreConformance({ name: 'x' });",
    });
    expect(r.out).toContain('imports point the allowed way');
    expect(r.code).toBe(0);
  });

  it('fails when core imports the server', () => {
    const r = tree({
      'packages/core/src/a.ts': "import { x } from '@logbook/server';",
      'packages/store-x/test/c.test.ts': 'defineStoreConformance({});',
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('core -> server is not allowed');
  });

  it('fails when a store package does not run the conformance suite', () => {
    const r = tree({ 'packages/store-x/src/a.ts': "import { x } from '@logbook/core';" });
    expect(r.code).toBe(1);
    expect(r.out).toContain('store-x does not run the conformance suite');
  });
});
