// Turns "starts with prefix" into a range [prefix, upper) over UTF-8 byte order, so prefix scans use an index.

/**
 * A BLOB sorts after every TEXT value in SQLite, so it bounds a range that has no finite text upper bound.
 * Bound as a parameter, it keeps the query shape (and its prepared statement) the same in both cases.
 */
export const ABOVE_ALL_TEXT: Buffer = Buffer.from([0xff]);

/**
 * The smallest string greater than every string that starts with `prefix`, in code point order (which is UTF-8
 * byte order): the prefix with its last code point incremented, or ABOVE_ALL_TEXT when no such string exists.
 */
export function prefixUpperBound(prefix: string): string | Buffer {
  const points = [...prefix].map((c) => c.codePointAt(0) as number);
  while (points.length > 0) {
    const last = points.pop() as number;
    if (last >= 0x10ffff) continue;
    // Skip the surrogate block: those code points cannot appear in well-formed text.
    const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
    return String.fromCodePoint(...points, next);
  }
  return ABOVE_ALL_TEXT;
}

/** The bounds to bind for an optional prefix: everything when undefined or empty. */
export function prefixBounds(prefix: string | undefined): { lower: string; upper: string | Buffer } {
  if (!prefix) return { lower: '', upper: ABOVE_ALL_TEXT };
  return { lower: prefix, upper: prefixUpperBound(prefix) };
}

/**
 * Bounds for "ids starting with prefix, strictly after a cursor" as one inclusive-exclusive range. The smallest
 * string after `after` is `after + "\0"`, so the cursor becomes an inclusive lower bound and one index range serves both.
 */
export function listBounds(options: { prefix?: string; after?: string }): { lower: string; upper: string | Buffer } {
  const { lower, upper } = prefixBounds(options.prefix);
  if (options.after === undefined) return { lower, upper };
  const cursor = `${options.after}\u0000`;
  return { lower: Buffer.compare(Buffer.from(cursor), Buffer.from(lower)) > 0 ? cursor : lower, upper };
}
