// Serializes an append's events to JSON text once, checking the size limits on the way (the port's own guard).
import { type AppendRequest, type Limits, DEFAULT_LIMITS, LogbookError } from '@logbook/core';

export interface EncodedEvent {
  data: string;
  metadata: string;
}

export interface EncodedAppend {
  request: AppendRequest;
  /** `events[w][i]` holds the JSON text of `request.writes[w].events[i]`. */
  events: EncodedEvent[][];
}

export function encodeAppend(request: AppendRequest, limits: Limits = DEFAULT_LIMITS): EncodedAppend {
  let count = 0;
  let total = 0;
  const events = request.writes.map((w) =>
    w.events.map((e) => {
      const encoded = { data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) };
      const bytes = Buffer.byteLength(e.type) + Buffer.byteLength(encoded.data) + Buffer.byteLength(encoded.metadata);
      if (bytes > limits.maxEventBytes) {
        throw new LogbookError('payload_too_large', `event is ${bytes} bytes, over the limit of ${limits.maxEventBytes}`, {
          type: e.type,
          bytes,
          limit: limits.maxEventBytes,
        });
      }
      count++;
      total += bytes;
      return encoded;
    }),
  );
  if (count > limits.maxEventsPerAppend || total > limits.maxAppendBytes) {
    throw new LogbookError('payload_too_large', `append of ${count} events and ${total} bytes is over the limits`, {
      events: count,
      bytes: total,
      maxEvents: limits.maxEventsPerAppend,
      maxBytes: limits.maxAppendBytes,
    });
  }
  return { request, events };
}
