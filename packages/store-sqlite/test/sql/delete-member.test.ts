import { describe, expect, it } from 'vitest';
import { memoryStatements } from './fixtures.js';

describe('delete-member', () => {
  it('removes one member of one group', () => {
    const { s } = memoryStatements();
    s.heartbeatMember('g', 'a', 500);
    s.heartbeatMember('g', 'b', 500);
    s.deleteMember('g', 'a');
    expect(s.listMembers('g', 0)).toEqual(['b']);
  });
});
