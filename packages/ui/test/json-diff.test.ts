// The diff behind time travel's highlighting, and the display lines it marks.
import { describe, expect, it } from 'vitest';
import { describeDiff, diffJson } from '../src/lib/json-diff.js';
import { jsonLines } from '../src/lib/json-lines.js';

describe('diffJson', () => {
  it('marks changed, added and removed paths as JSON Pointers', () => {
    const before = { balance: 10, owner: 'Ada', tags: ['a'], old: true };
    const after = { balance: 15, owner: 'Ada', tags: ['a', 'b'], 'a/b': 1 };
    expect([...diffJson(before, after)]).toEqual([
      ['/balance', 'changed'],
      ['/tags/1', 'added'],
      ['/a~1b', 'added'],
      ['/old', 'removed'],
    ]);
    expect(diffJson(before, structuredClone(before)).size).toBe(0);
  });

  it('summarises scalar changes with old and new values', () => {
    const before = { balance: 0 };
    const after = { balance: 50, owner: 'Grace' };
    expect(describeDiff(diffJson(before, after), before, after)).toBe('balance 0 → 50, owner = "Grace"');
  });
});

describe('jsonLines', () => {
  it('pretty-prints with marks on changed lines and shows removed keys struck out', () => {
    const before = { a: 1, gone: 'x' };
    const after = { a: 2 };
    const { lines } = jsonLines(after, diffJson(before, after), before);
    const text = lines.map((l) => `${l.mark ?? ''}|${'  '.repeat(l.depth)}${l.tokens.map((t) => t.text).join('')}`);
    expect(text).toEqual(['|{', 'changed|  "a": 2,', 'removed|  "gone": "x"', '|}']);
  });

  it('cuts very large values for display', () => {
    const big = Array.from({ length: 100 }, (_, i) => i);
    const { lines, truncated } = jsonLines(big, undefined, undefined, 10);
    expect(lines).toHaveLength(10);
    expect(truncated).toBe(true);
  });
});
