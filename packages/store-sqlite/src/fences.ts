// Fencing: a checkpoint written under a lease is refused once the lease has expired or moved to a newer token.
import { type Fence, LogbookError } from '@logbook/core';
import type { Statements } from './statements.js';

export function checkFence(s: Statements, fence: Fence | undefined, nowMs: number): void {
  if (!fence) return;
  const lease = s.readLease(fence.group, fence.partition);
  if (!lease || lease.token !== fence.token || lease.expiresAt < nowMs) {
    throw new LogbookError(
      'lease_lost',
      `lease on ${fence.group}/${fence.partition} with token ${fence.token} is no longer held`,
      { group: fence.group, partition: fence.partition },
    );
  }
}
