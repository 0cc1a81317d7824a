// Turns result rows (every non-text column selected as text) into the port's values, whatever type parsers a pool has.
import { type JsonObject, type JsonValue, type Position, type RecordedEvent, makePosition } from '@logbook/core';
import type { PgRow } from './pg-types.js';

export const positionOf = (row: PgRow): Position => makePosition(BigInt(row.tx_id as string), BigInt(row.seq as string));

export function eventFromRow(row: PgRow): RecordedEvent {
  return {
    id: row.id as string,
    streamId: row.stream_id as string,
    revision: BigInt(row.revision as string),
    position: positionOf(row),
    type: row.type as string,
    data: JSON.parse(row.data as string) as JsonValue,
    metadata: JSON.parse(row.metadata as string) as JsonObject,
    recordedAt: row.recorded_at as string,
  };
}
