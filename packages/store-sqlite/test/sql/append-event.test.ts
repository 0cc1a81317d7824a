import { describe, expect, it } from 'vitest';
import { eventRow, memoryStatements } from './fixtures.js';

describe('append-event', () => {
  it('stores a row readable by position, and the unique index refuses a second row with the same id', () => {
    const { s } = memoryStatements();
    const row = eventRow(1, 'acc-1', 0, 'Opened', { név: 'Zoë 😀' });
    s.appendEvent(row);
    expect(s.eventById(row.id)).toMatchObject({ streamId: 'acc-1', revision: 0n, position: '1', data: { név: 'Zoë 😀' } });
    expect(() => s.appendEvent({ ...eventRow(2, 'acc-2', 0), id: row.id })).toThrow(/UNIQUE/);
    expect(() => s.appendEvent({ ...eventRow(3, 'acc-1', 0) })).toThrow(/UNIQUE/);
  });
});
