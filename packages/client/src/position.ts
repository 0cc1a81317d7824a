// Position ordering for the client (same rule as core's, without importing core into browsers).

/** Compares two positions ("N" or "N.M") numerically, part by part. */
export function comparePositions(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const [a1, a2] = parts(a);
  const [b1, b2] = parts(b);
  if (a1 !== b1) return a1 < b1 ? -1 : 1;
  if (a2 !== b2) return a2 < b2 ? -1 : 1;
  return 0;
}

function parts(p: string): [bigint, bigint] {
  const dot = p.indexOf('.');
  return dot < 0 ? [BigInt(p), 0n] : [BigInt(p.slice(0, dot)), BigInt(p.slice(dot + 1))];
}
