// The prefix -> [lower, upper) range used for index scans over UTF-8 byte order.
import { byteCompare } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { ABOVE_ALL_TEXT, listBounds, prefixUpperBound } from '../src/prefix-range.js';

describe('prefixUpperBound', () => {
  it('increments the last code point', () => {
    expect(prefixUpperBound('ab')).toBe('ac');
    expect(prefixUpperBound('a-')).toBe('a.');
  });

  it('skips the surrogate block and drops maximal code points', () => {
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('\u{10ffff}')).toBe(ABOVE_ALL_TEXT);
  });

  it('bounds exactly the strings that start with the prefix', () => {
    const prefix = 'é😀';
    const upper = prefixUpperBound(prefix) as string;
    for (const s of ['é😀', 'é😀\u{10ffff}\u{10ffff}', 'é😀a']) expect(byteCompare(s, upper)).toBeLessThan(0);
    for (const s of ['é😁', 'ê']) expect(byteCompare(s, upper)).toBeGreaterThanOrEqual(0);
  });
});

describe('listBounds', () => {
  it('turns an exclusive cursor into an inclusive lower bound', () => {
    expect(listBounds({ after: 'b' }).lower).toBe('b\u0000');
    expect(listBounds({ prefix: 'c', after: 'b' }).lower).toBe('c');
    expect(listBounds({ prefix: 'a', after: 'ab' })).toEqual({ lower: 'ab\u0000', upper: 'b' });
  });
});
