import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('list-members', () => {
  it('lists the live members of one group, ordered', () => {
    const { s } = memoryStatements();
    s.heartbeatMember('g', 'm2', 500);
    s.heartbeatMember('g', 'm1', 500);
    s.heartbeatMember('g', 'old', 10);
    s.heartbeatMember('h', 'x', 500);
    expect(s.listMembers('g', 100)).toEqual(['m1', 'm2']);
  });
});
