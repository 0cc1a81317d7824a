// Turns a JSON value into indented display lines, each tagged with the diff mark of its path.
import { type Diff, type Mark, pointer } from './json-diff.js';

export type TokenKind = 'key' | 'str' | 'num' | 'bool' | 'null' | 'punct';
export interface Token {
  kind: TokenKind;
  text: string;
}
export interface Line {
  depth: number;
  tokens: Token[];
  mark?: Mark;
}

function scalarToken(v: unknown): Token {
  if (typeof v === 'string') return { kind: 'str', text: JSON.stringify(v) };
  if (typeof v === 'number' || typeof v === 'bigint') return { kind: 'num', text: String(v) };
  if (typeof v === 'boolean') return { kind: 'bool', text: String(v) };
  return { kind: 'null', text: 'null' };
}

interface Ctx {
  out: Line[];
  diff: Diff | undefined;
  limit: number;
}

function emit(ctx: Ctx, line: Line): void {
  if (ctx.out.length < ctx.limit) ctx.out.push(line);
}

function walk(
  ctx: Ctx,
  value: unknown,
  key: string | undefined,
  path: string,
  depth: number,
  comma: boolean,
  inherited?: Mark,
  before?: unknown,
): void {
  const mark = inherited ?? ctx.diff?.get(path);
  const prefix: Token[] =
    key === undefined
      ? []
      : [
          { kind: 'key', text: JSON.stringify(key) },
          { kind: 'punct', text: ': ' },
        ];
  const tail: Token[] = comma ? [{ kind: 'punct', text: ',' }] : [];
  const childMark = mark === 'added' || mark === 'removed' ? mark : undefined;
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    const isArr = Array.isArray(value);
    const entries: [string | number, unknown][] = isArr
      ? value.map((v, i) => [i, v] as [number, unknown])
      : Object.entries(value as Record<string, unknown>);
    const [open, close] = isArr ? ['[', ']'] : ['{', '}'];
    const removed: [string | number, unknown][] = [];
    if (ctx.diff && before && typeof before === 'object' && !childMark) {
      for (const [k, v] of Object.entries(before as Record<string, unknown>)) {
        const p = pointer(path, k);
        if (ctx.diff.get(p) === 'removed') removed.push([isArr ? Number(k) : k, v]);
      }
    }
    if (entries.length === 0 && removed.length === 0) {
      emit(ctx, { depth, tokens: [...prefix, { kind: 'punct', text: open + close }, ...tail], mark });
      return;
    }
    emit(ctx, { depth, tokens: [...prefix, { kind: 'punct', text: open }], mark: childMark ?? undefined });
    const prev = before as Record<string | number, unknown> | undefined;
    entries.forEach(([k, v], i) => {
      const last = i === entries.length - 1 && removed.length === 0;
      walk(ctx, v, isArr ? undefined : String(k), pointer(path, k), depth + 1, !last, childMark, prev?.[k]);
    });
    removed.forEach(([k, v], i) => {
      walk(ctx, v, isArr ? undefined : String(k), pointer(path, k), depth + 1, i < removed.length - 1, 'removed');
    });
    emit(ctx, { depth, tokens: [{ kind: 'punct', text: close }, ...tail], mark: childMark ?? undefined });
    return;
  }
  emit(ctx, { depth, tokens: [...prefix, scalarToken(value), ...tail], mark });
}

/** Lines for `value`; with a diff (and the previous value), changed paths are marked and removed ones shown. */
export function jsonLines(value: unknown, diff?: Diff, before?: unknown, limit = 5000): { lines: Line[]; truncated: boolean } {
  const ctx: Ctx = { out: [], diff, limit: limit + 1 };
  walk(ctx, value, undefined, '', 0, false, diff?.get('') === 'added' ? 'added' : undefined, before);
  const truncated = ctx.out.length > limit;
  return { lines: truncated ? ctx.out.slice(0, limit) : ctx.out, truncated };
}
