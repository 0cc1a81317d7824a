// Consumer groups: the log split into P partitions by stream-id hash, each owned by one live member through fenced leases.
import { LogbookError, isLogbookError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import type { Lease, LeasesPort } from '../port.js';
import type { Position } from '../position.js';
import { sleep } from '../waker.js';
import { Consumer, type ConsumerOptions } from './consumer.js';
import { desiredPartitions, partitionOf } from './partition.js';

export interface ConsumerGroupOptions extends Omit<ConsumerOptions, 'name' | 'from'> {
  /** The group's name: checkpoints, leases and the parked stream are keyed by it. */
  group: string;
  /** This member's id, unique among live members (e.g. host:pid). */
  member: string;
  /** Number of partitions; fixed for the life of the group. Default 8. */
  partitions?: number;
  /** A lease not renewed for this long can be taken by another member. Default 10 s. */
  leaseTtlMs?: number;
  /** How often a member heartbeats, renews its leases and rebalances. Default leaseTtlMs / 3. */
  heartbeatMs?: number;
}

export const groupCheckpointName = (group: string, partition: number): string => `group:${group}/${partition}`;

interface Owned {
  lease: Lease;
  worker: Consumer;
}

/**
 * One member of a group. A dead member's partitions move within about heartbeat + 2 x leaseTtl: its member row
 * expires, the survivors' desired sets grow, and its leases expire so the survivors can take them with higher tokens.
 * Every checkpoint write carries the lease's fencing token, so an owner that lost its lease cannot move a checkpoint.
 */
export class ConsumerGroupMember {
  private readonly owned = new Map<number, Owned>();
  private readonly leases: LeasesPort;
  private readonly partitions: number;
  private readonly leaseTtlMs: number;
  private readonly heartbeatMs: number;
  private controller = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    readonly store: EventStore,
    private readonly options: ConsumerGroupOptions,
  ) {
    if (!store.port.leases || !store.port.checkpoints) {
      throw new LogbookError('capability_missing', `the ${store.kind} store has no leases or checkpoints for consumer groups`);
    }
    this.leases = store.port.leases;
    this.partitions = Math.max(1, Math.floor(options.partitions ?? 8));
    this.leaseTtlMs = Math.max(50, options.leaseTtlMs ?? 10_000);
    this.heartbeatMs = Math.max(10, options.heartbeatMs ?? Math.floor(this.leaseTtlMs / 3));
  }

  get member(): string {
    return this.options.member;
  }

  /** Partitions this member currently holds. */
  ownedPartitions(): number[] {
    return [...this.owned.keys()].sort((a, b) => a - b);
  }

  /** Resolves when every partition this member holds now has processed the log up to its current head. */
  async whenCaughtUp(): Promise<void> {
    await Promise.all([...this.owned.values()].map((o) => o.worker.whenCaughtUp()));
  }

  /** The partition of a stream in this group. */
  partitionOf(streamId: string): number {
    return partitionOf(streamId, this.partitions);
  }

  start(): this {
    this.controller = new AbortController();
    const signal = this.controller.signal;
    this.loop = (async () => {
      while (!signal.aborted) {
        // A failed round (store briefly unreachable) is simply retried: fencing keeps a late owner harmless.
        await this.tick().catch(() => {});
        await sleep(this.heartbeatMs, signal);
      }
    })();
    this.loop.catch(() => {});
    return this;
  }

  /** One round: heartbeat, drop lost or surplus partitions, take the free ones meant for us. */
  async tick(): Promise<void> {
    const { group, member } = this.options;
    await this.leases.heartbeat(group, member, this.leaseTtlMs);
    const members = await this.leases.members(group);
    const desired = new Set(
      desiredPartitions(member, members.includes(member) ? members : [...members, member], this.partitions),
    );
    for (const [partition, held] of [...this.owned]) {
      if (held.worker.status === 'failed' || held.worker.status === 'stopped') {
        await this.drop(partition, !isLogbookError(held.worker.lastError, 'lease_lost'));
        continue;
      }
      const renewed = await this.leases.renew(held.lease, this.leaseTtlMs);
      if (!renewed) await this.drop(partition, false);
      else if (!desired.has(partition)) await this.drop(partition, true);
      else held.lease = renewed;
    }
    if (this.controller.signal.aborted) return;
    for (const partition of desired) {
      if (this.owned.has(partition)) continue;
      const lease = await this.leases.tryAcquire(group, partition, member, this.leaseTtlMs);
      if (lease) this.own(partition, lease);
    }
  }

  private own(partition: number, lease: Lease): void {
    const { group } = this.options;
    const checkpoints = this.store.port.checkpoints as NonNullable<typeof this.store.port.checkpoints>;
    const name = groupCheckpointName(group, partition);
    const held: Owned = { lease, worker: undefined as unknown as Consumer };
    held.worker = new Consumer(
      this.store,
      { ...this.options, name: group },
      {
        checkpointName: name,
        accept: (e) => partitionOf(e.streamId, this.partitions) === partition,
        stillOwner: () => Date.parse(held.lease.expiresAt) > Date.now(),
        saveCheckpoint: (position: Position) => checkpoints.write(name, position, { group, partition, token: held.lease.token }),
      },
    );
    this.owned.set(partition, held);
    held.worker.start();
  }

  /** Gives a partition up: gracefully (checkpoint flushed under the fence, lease released) or, when the lease is gone, at once. */
  private async drop(partition: number, graceful: boolean): Promise<void> {
    const held = this.owned.get(partition);
    if (!held) return;
    this.owned.delete(partition);
    if (graceful) {
      await held.worker.stop().catch(() => {});
      await this.leases.release(held.lease);
    } else await held.worker.kill();
  }

  /** Leaves the group cleanly: checkpoints saved, leases released, member row removed. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
    for (const partition of [...this.owned.keys()]) await this.drop(partition, true);
    await this.leases.leave(this.options.group, this.options.member);
  }

  /** Simulates a crash: everything stops, nothing is saved, released or left; the others take over after expiry. */
  async kill(): Promise<void> {
    this.controller.abort();
    await this.loop.catch(() => {});
    await Promise.all([...this.owned.values()].map((o) => o.worker.kill()));
    this.owned.clear();
  }
}

export function joinConsumerGroup(store: EventStore, options: ConsumerGroupOptions): ConsumerGroupMember {
  return new ConsumerGroupMember(store, options).start();
}
