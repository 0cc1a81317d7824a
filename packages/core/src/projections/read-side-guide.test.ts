// The read-side section of docs/guide.md promises runnable snippets: run them, and check what they print.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const guide = join(here, '../../../../docs/guide.md');

describe('docs/guide.md, read side', () => {
  it('its snippets run in order and print what their comments say', () => {
    const text = readFileSync(guide, 'utf8');
    const start = text.indexOf('## Read side');
    expect(start).toBeGreaterThanOrEqual(0);
    const next = text.indexOf('\n## ', start + 1);
    const section = text.slice(start, next < 0 ? undefined : next);
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThan(4);
    const lines = blocks.join('\n').split('\n');
    const program = [...lines.filter((l) => l.startsWith('import ')), ...lines.filter((l) => !l.startsWith('import '))].join(
      '\n',
    );
    // Inside the core package so that '@logbook/core' resolves as it does for users of the workspace.
    const file = join(here, `../../.guide-read-side-${process.pid}.ts`);
    writeFileSync(file, program);
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
      expect(out).toContain('{ orders: 1, spent: 30 }');
      expect(out).toContain("[ { id: 'bob', doc: { orders: 1, spent: 12 } } ]");
      expect(out).toContain('2 2');
      expect(out).toContain("[ 'ada (try 1)', 'bob (try 1)' ] []");
      expect(out).toContain("[ 'ada' ] [ 'ada', 'bob' ]");
      expect(out.trim().endsWith('32')).toBe(true);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
