import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('heartbeat-member', () => {
  it('adds a member and extends its expiry on the next beat', () => {
    const { s } = memoryStatements();
    s.heartbeatMember('g', 'm', 100);
    expect(s.listMembers('g', 150)).toEqual([]);
    s.heartbeatMember('g', 'm', 200);
    expect(s.listMembers('g', 150)).toEqual(['m']);
  });
});
