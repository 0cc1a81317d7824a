import { describe, expect, it } from 'vitest';
import { isUuid } from '../validate.js';
import { deterministicEventId } from './event-ids.js';

describe('deterministicEventId', () => {
  it('gives the same version-5 UUID for the same parts, and different ones otherwise', () => {
    const id = deterministicEventId('transfer-1', 'account-a', '0');
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('5');
    expect('89ab').toContain(id[19]);
    expect(deterministicEventId('transfer-1', 'account-a', '0')).toBe(id);
    expect(deterministicEventId('transfer-1', 'account-a', '1')).not.toBe(id);
    expect(deterministicEventId('transfer-1a', 'ccount-a', '0')).not.toBe(id);
  });
});
