// Structural diff of two JSON values, keyed by JSON Pointer, for highlighting what an event changed.
export type Mark = 'added' | 'changed' | 'removed';
export type Diff = Map<string, Mark>;

export function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function diffJson(before: unknown, after: unknown, path = '', out: Diff = new Map()): Diff {
  if (before === undefined && after === undefined) return out;
  if (before === undefined) {
    out.set(path, 'added');
    return out;
  }
  if (after === undefined) {
    out.set(path, 'removed');
    return out;
  }
  if (isObject(before) && isObject(after)) {
    for (const k of Object.keys(after)) diffJson(before[k], after[k], pointer(path, k), out);
    for (const k of Object.keys(before)) if (!(k in after)) out.set(pointer(path, k), 'removed');
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) diffJson(before[i], after[i], pointer(path, i), out);
    return out;
  }
  if (before !== after) out.set(path, 'changed');
  return out;
}

export function valueAt(value: unknown, path: string): unknown {
  let v = value;
  for (const raw of path.split('/').slice(1)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return v;
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

/** A readable summary: "balance 300 → 340, owner added". Pointers lose their leading slash. */
export function describeDiff(diff: Diff, before?: unknown, after?: unknown, max = 6): string {
  if (diff.size === 0) return 'no change';
  const parts = [...diff].slice(0, max).map(([p, m]) => {
    const name = p.slice(1).replaceAll('/', '.') || 'state';
    const a = valueAt(before, p);
    const b = valueAt(after, p);
    const scalar = (v: unknown) => v === null || typeof v !== 'object';
    if (m === 'changed' && scalar(a) && scalar(b)) return `${name} ${short(a)} → ${short(b)}`;
    if (m === 'added' && scalar(b) && p !== '') return `${name} = ${short(b)}`;
    return `${name} ${m}`;
  });
  if (diff.size > max) parts.push(`${diff.size - max} more`);
  return parts.join(', ');
}
