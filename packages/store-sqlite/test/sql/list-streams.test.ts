import { byteCompare } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { memoryStatements, seed } from './fixtures.js';

describe('list-streams', () => {
  it('lists by UTF-8 byte order with prefix, exclusive cursor and limit', () => {
    const { s } = memoryStatements();
    const ids = ['b', 'a-2', 'a-1', '😀', '\uffee', 'a'];
    seed(
      s,
      ids.map((id) => [id] as [string]),
    );
    const list = (o: { prefix?: string; after?: string; limit?: number }) =>
      s.listStreams({ limit: 100, ...o }).map((r) => r.streamId);
    expect(list({})).toEqual([...ids].sort(byteCompare));
    expect(list({ prefix: 'a-' })).toEqual(['a-1', 'a-2']);
    expect(list({ after: 'a-1', limit: 2 })).toEqual(['a-2', 'b']);
    expect(s.listStreams({ prefix: 'b', limit: 1 })[0]).toMatchObject({ streamId: 'b', lastRevision: 0n });
  });
});
