// Unit tests of the event model: positions, stream ids, JSON validation and expected-revision parsing.
import { describe, expect, it } from 'vitest';
import { LogbookError } from './errors.js';
import { START, comparePositions, isPosition, makePosition, parsePosition } from './position.js';
import { categoryOf, streamIdProblem } from './stream-id.js';
import { jsonProblem, parseExpectedRevision, proposeEvent } from './validate.js';
import { Waker } from './waker.js';

describe('positions', () => {
  it('compare numerically, part by part, with START below everything', () => {
    const p = (s: string) => parsePosition(s);
    expect(comparePositions(p('9'), p('10'))).toBe(-1);
    expect(comparePositions(p('10.2'), p('9.30'))).toBe(1);
    expect(comparePositions(p('7.1'), p('7.10'))).toBe(-1);
    expect(comparePositions(p('7'), p('7.0'))).toBe(0);
    expect(comparePositions(START, p('0.1'))).toBe(-1);
    expect(comparePositions(makePosition(18446744073709551615n, 5n), p('18446744073709551615.4'))).toBe(1);
  });

  it('reject anything that is not one or two decimal parts', () => {
    for (const bad of ['', '-1', '01', '1.', '.1', '1.2.3', 'abc', '1e3', ' 1']) {
      expect(isPosition(bad), bad).toBe(false);
      expect(() => parsePosition(bad)).toThrow(LogbookError);
    }
  });
});

describe('stream ids', () => {
  it('accept 1-256 bytes of UTF-8 without control characters, reserving $', () => {
    expect(streamIdProblem('account-42')).toBeUndefined();
    expect(streamIdProblem('日'.repeat(85))).toBeUndefined();
    expect(streamIdProblem('日'.repeat(86))).toMatch(/1-256 bytes/);
    expect(streamIdProblem('a\u007fb')).toMatch(/control/);
    expect(streamIdProblem('$all')).toMatch(/reserved/);
    expect(streamIdProblem('$all', { allowSystem: true })).toBeUndefined();
    expect(streamIdProblem(42)).toMatch(/string/);
  });

  it('take the category from before the first dash', () => {
    expect(categoryOf('account-42')).toBe('account');
    expect(categoryOf('account-42-x')).toBe('account');
    expect(categoryOf('singleton')).toBe('singleton');
    expect(categoryOf('-x')).toBe('');
  });
});

describe('event validation', () => {
  it('finds what JSON cannot hold, with a path', () => {
    expect(jsonProblem({ a: [1, 'x', null, { b: true }] })).toBeUndefined();
    expect(jsonProblem({ a: [1, () => 1] })).toBe('$.a[1] is a function, which JSON cannot hold');
    expect(jsonProblem({ n: 1n })).toMatch(/bigint/);
    expect(jsonProblem(new Map())).toMatch(/Map object/);
    const shared = { x: 1 };
    expect(jsonProblem({ a: shared, b: shared })).toBeUndefined();
  });

  it('assigns a lower-case UUID and empty metadata', () => {
    const e = proposeEvent({ type: 'T', data: null });
    expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.metadata).toEqual({});
  });

  it('parses expected revisions from their JSON forms', () => {
    expect(parseExpectedRevision(undefined)).toBe('any');
    expect(parseExpectedRevision(3)).toBe(3n);
    expect(parseExpectedRevision('12')).toBe(12n);
    expect(parseExpectedRevision('no_stream')).toBe('no_stream');
    for (const bad of [-1, 1.5, 'soon', '012', {}]) expect(() => parseExpectedRevision(bad)).toThrow(LogbookError);
  });
});

describe('waker', () => {
  it('does not lose a notification that arrives before wait()', async () => {
    const w = new Waker();
    w.notify();
    let woke = false;
    const waiting = w.wait(60_000).then(() => (woke = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(woke).toBe(true);
    await waiting;
  });
});
