// Stable partitioning of the log by stream id: FNV-1a over the UTF-8 bytes, identical in every process and language.
const utf8 = new TextEncoder();

/** 32-bit FNV-1a hash of the UTF-8 bytes of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The partition (0..partitions-1) that owns every event of `streamId`. */
export function partitionOf(streamId: string, partitions: number): number {
  return fnv1a(streamId) % partitions;
}

/** Deterministic spread of partitions over the live members: partition p goes to members[p mod n] (members sorted). */
export function desiredPartitions(member: string, members: readonly string[], partitions: number): number[] {
  const sorted = [...new Set(members)].sort();
  const index = sorted.indexOf(member);
  if (index < 0 || sorted.length === 0) return [];
  const out: number[] = [];
  for (let p = 0; p < partitions; p++) if (p % sorted.length === index) out.push(p);
  return out;
}
