// The command-side section of docs/guide.md promises runnable snippets: run them in order and check what they print.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const guide = join(here, '../../../docs/guide.md');

describe('docs/guide.md, command side', () => {
  it('its snippets run in order and print what their comments say', () => {
    const text = readFileSync(guide, 'utf8');
    const start = text.indexOf('## Command side');
    expect(start).toBeGreaterThanOrEqual(0);
    const next = text.indexOf('\n## ', start + 1);
    const section = text.slice(start, next < 0 ? undefined : next);
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThan(10);
    const lines = blocks.join('\n').split('\n');
    const program = [...lines.filter((l) => l.startsWith('import ')), ...lines.filter((l) => !l.startsWith('import '))].join(
      '\n',
    );
    // Inside this workspace so that '@logbook/core' resolves as it does for users of the repository.
    const file = join(here, `../.guide-command-side-${process.pid}.ts`);
    writeFileSync(file, program);
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
      // Every "// value" comment that follows a console.log in the guide is what that line prints.
      const expected = section
        .split('\n')
        .filter((l) => /console\.log\(.*\); \/\/ /.test(l))
        .map((l) => l.slice(l.lastIndexOf('; // ') + 5));
      expect(expected.length).toBeGreaterThan(10);
      const printed = out.split('\n');
      for (const line of expected) expect(printed, `the guide says a line prints: ${line}`).toContain(line);
      for (const row of ['#0 09:00 AccountOpened  0', '#3 09:04 MoneyDeposited 10200', '#5 09:06 MoneyWithdrawn 7800']) {
        expect(printed).toContain(row);
      }
      expect(printed).toContain('decider rules hold');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
