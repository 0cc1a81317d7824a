// The event model: what callers append and what the store records.
import type { JsonObject, JsonValue } from './json.js';
import type { Position } from './position.js';

/** An event to append. `id` (a UUID) is generated when absent and makes the append idempotent. */
export interface EventToAppend<Type extends string = string, Data extends JsonValue = JsonValue> {
  id?: string;
  type: Type;
  data: Data;
  metadata?: JsonObject;
}

/** An event after validation: id assigned, metadata present. Stores receive only these. */
export interface ProposedEvent {
  id: string;
  type: string;
  data: JsonValue;
  metadata: JsonObject;
}

/** An event as stored. `revision` is its 0-based place in its stream, `position` its place in the global log. */
export interface RecordedEvent<Type extends string = string, Data extends JsonValue = JsonValue> {
  id: string;
  streamId: string;
  revision: bigint;
  position: Position;
  type: Type;
  data: Data;
  metadata: JsonObject;
  /** ISO-8601 UTC, e.g. 2026-11-22T21:51:30.123Z */
  recordedAt: string;
}

/**
 * What the stream must look like for an append to go through:
 * - 'any': no check;
 * - 'no_stream': the stream must not exist;
 * - 'stream_exists': the stream must have at least one event;
 * - a bigint: the revision of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** The current revision of a stream as reported in a conflict: its last revision, or 'no_stream'. */
export type CurrentRevision = bigint | 'no_stream';

export type Direction = 'forward' | 'backward';

export interface StreamInfo {
  streamId: string;
  exists: boolean;
  /** Revision of the last event; undefined when the stream does not exist. */
  lastRevision?: bigint;
  firstRecordedAt?: string;
  lastRecordedAt?: string;
}

export interface StreamSummary {
  streamId: string;
  lastRevision: bigint;
  lastRecordedAt: string;
}

/** Filter for the global log. Lists are ORs; the three lists AND together. */
export interface LogFilter {
  types?: readonly string[];
  categories?: readonly string[];
  streamIdPrefix?: string;
}
