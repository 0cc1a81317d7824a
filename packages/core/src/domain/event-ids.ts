// Name-based (RFC 9562 version 5) event ids: the same command always proposes the same ids, so a retried command
// is acknowledged as already appended instead of being applied twice.
import { createHash } from 'node:crypto';

/** Logbook's namespace for name-based event ids (a fixed random UUID). */
export const EVENT_ID_NAMESPACE = '6f1c2a4e-8d0b-4f57-9a3e-2b7d5c9e0f14';

/** A UUID derived from `parts` (e.g. a command id and the event's role); equal inputs give equal ids. */
export function deterministicEventId(...parts: string[]): string {
  const namespace = Buffer.from(EVENT_ID_NAMESPACE.replaceAll('-', ''), 'hex');
  // The unit separator keeps ('ab', 'c') and ('a', 'bc') apart.
  const hash = createHash('sha1').update(namespace).update(parts.join('\u001f'), 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
