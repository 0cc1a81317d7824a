// Event rows as SQLite returns them, and their mapping to RecordedEvent (JSON text parsed, integers as bigint).
import { type JsonObject, type JsonValue, type RecordedEvent, makePosition } from '@logbook/core';

/** The columns every event read selects, in this order. */
export const EVENT_COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

export interface EventRow {
  position: bigint;
  id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: row.revision,
    position: makePosition(row.position),
    type: row.type,
    data: JSON.parse(row.data) as JsonValue,
    metadata: JSON.parse(row.metadata) as JsonObject,
    recordedAt: row.recorded_at,
  };
}
