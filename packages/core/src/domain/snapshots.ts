// Snapshots above the port: read/write through port.snapshots, tagged with the policy's schema version.
import { LogbookError } from '../errors.js';
import type { EventStore } from '../event-store.js';
import type { JsonValue } from '../json.js';
import { jsonProblem } from '../validate.js';
import type { SnapshotPolicy } from './decider.js';

export const DEFAULT_SNAPSHOT_NAME = 'default';

export const snapshotName = (policy: SnapshotPolicy<unknown>): string => policy.name ?? DEFAULT_SNAPSHOT_NAME;

/** The snapshot of a stream for this policy, or undefined when absent, of another schema version, or unsupported. */
export async function readSnapshot<S>(
  store: EventStore,
  streamId: string,
  policy: SnapshotPolicy<S>,
): Promise<{ state: S; revision: bigint } | undefined> {
  const port = store.port.snapshots;
  if (!port) return undefined;
  const snap = await port.read(streamId, snapshotName(policy as SnapshotPolicy<unknown>));
  // A different schema version means the state shape changed: ignore it and fold from the start.
  if (!snap || snap.schemaVersion !== policy.version) return undefined;
  const state = policy.fromJson ? policy.fromJson(snap.state) : (structuredClone(snap.state) as S);
  return { state, revision: snap.revision };
}

/** Stores `state` as the snapshot of `streamId` at `revision` (overwriting any older one). */
export async function writeSnapshot<S>(
  store: EventStore,
  streamId: string,
  policy: SnapshotPolicy<S>,
  state: S,
  revision: bigint,
): Promise<void> {
  const port = store.port.snapshots;
  if (!port) throw new LogbookError('capability_missing', `the ${store.kind} store keeps no snapshots`);
  const json = policy.toJson ? policy.toJson(state) : (state as unknown as JsonValue);
  const problem = jsonProblem(json, '$.state');
  if (problem) throw new LogbookError('invalid_request', `snapshot state is not JSON: ${problem}`, { streamId });
  await port.write({
    streamId,
    name: snapshotName(policy as SnapshotPolicy<unknown>),
    revision,
    schemaVersion: policy.version,
    state: json,
    takenAt: new Date().toISOString(),
  });
}

/** True when the policy asks for a snapshot after the stream moved from `lastSnapshot` to `revision`. */
export function snapshotDue(
  policy: Pick<SnapshotPolicy<unknown>, 'every'> | undefined,
  lastSnapshot: bigint | undefined,
  revision: bigint,
): boolean {
  if (!policy?.every || policy.every < 1) return false;
  return revision - (lastSnapshot ?? -1n) >= BigInt(policy.every);
}
