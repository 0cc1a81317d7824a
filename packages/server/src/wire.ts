// Domain values to their JSON wire form: revisions as numbers, positions as strings.
import type { RecordedEvent, StreamWriteResult } from '@logbook/core';

export interface RecordedEventJson {
  id: string;
  streamId: string;
  revision: number;
  position: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

export const eventJson = (e: RecordedEvent): RecordedEventJson => ({
  id: e.id,
  streamId: e.streamId,
  revision: Number(e.revision),
  position: e.position,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt,
});

export const resultJson = (r: StreamWriteResult) => ({
  streamId: r.streamId,
  firstRevision: Number(r.firstRevision),
  lastRevision: Number(r.lastRevision),
  position: r.position as string,
  outcome: r.outcome,
});

/** JSON.stringify that tolerates bigints (view states may hold them). */
export function toJsonSafe(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export const splitCsv = (s: string | undefined): string[] | undefined => {
  if (s === undefined) return undefined;
  const parts = s
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length > 0 ? parts : undefined;
};
