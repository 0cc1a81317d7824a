// The data commands (append, read, tail, export, import, stats) over a server or a database.
import type { ExpectedRevision, RecordedEventJson } from '@logbook/client';
import { importNdjson } from './import-ndjson.js';
import { type Target, type TargetFlags, openTarget } from './target.js';

export interface CommonFlags extends TargetFlags {
  json?: boolean;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Runs a command against its target and always closes it. */
export async function withTarget<T>(flags: CommonFlags, fn: (t: Target) => Promise<T>): Promise<T> {
  const target = await openTarget(flags);
  try {
    return await fn(target);
  } finally {
    await target.close();
  }
}

export function parseJsonFlag(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${name} is not valid JSON: ${(e as Error).message}`);
  }
}

export function parseExpected(text: string | undefined): ExpectedRevision | undefined {
  if (text === undefined) return undefined;
  if (text === 'any' || text === 'no_stream' || text === 'stream_exists') return text;
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  throw new Error(`--expected-revision must be any, no_stream, stream_exists or a revision number, got ${text}`);
}

export function parseLimit(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--limit must be a positive integer, got ${text}`);
  return n;
}

export function parseRevision(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) throw new Error(`--from must be a revision number, got ${text}`);
  return n;
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

function printEvent(e: RecordedEventJson, json: boolean | undefined): void {
  if (json) out(JSON.stringify(e));
  else out(`${e.position.padStart(8)}  ${e.recordedAt}  ${e.streamId}@${e.revision}  ${e.type}  ${JSON.stringify(e.data)}`);
}

export async function appendCommand(
  streamId: string,
  f: CommonFlags & { type: string; data: string; metadata?: string; id?: string; expectedRevision?: string },
): Promise<void> {
  const data = parseJsonFlag('--data', f.data);
  const metadata = f.metadata === undefined ? undefined : parseJsonFlag('--metadata', f.metadata);
  const expected = parseExpected(f.expectedRevision);
  await withTarget(f, async (t) => {
    const r = await t.append(streamId, [{ id: f.id, type: f.type, data: data as never, metadata: metadata as never }], expected);
    if (f.json) out(JSON.stringify(r));
    else out(`${r.outcome} ${r.streamId}@${r.lastRevision} at position ${r.position}`);
  });
}

export async function readCommand(streamId: string, f: CommonFlags & { backward?: boolean; limit?: string; from?: string }) {
  const limit = parseLimit(f.limit, Number.POSITIVE_INFINITY);
  let from = f.from === undefined ? undefined : parseRevision(f.from);
  await withTarget(f, async (t) => {
    let printed = 0;
    for (;;) {
      const page = await t.readStream(streamId, {
        from,
        direction: f.backward ? 'backward' : 'forward',
        limit: Math.min(1000, limit - printed),
      });
      for (const e of page.events) printEvent(e, f.json);
      printed += page.events.length;
      if (page.next === null || printed >= limit) return;
      from = page.next;
    }
  });
}

export async function tailCommand(
  f: CommonFlags & { from: string; category?: string; type?: string; prefix?: string; stream?: string; limit?: string },
): Promise<void> {
  const limit = parseLimit(f.limit, Number.POSITIVE_INFINITY);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let seen = 0;
  await withTarget(f, (t) =>
    t.tail({
      from: f.from,
      stream: f.stream,
      types: list(f.type),
      categories: list(f.category),
      prefix: f.prefix,
      signal: controller.signal,
      onEvent: (e) => {
        printEvent(e, f.json);
        if (++seen >= limit) controller.abort();
      },
    }),
  );
}

export async function exportCommand(f: CommonFlags & { from?: string; category?: string; type?: string; prefix?: string }) {
  await withTarget(f, async (t) => {
    let from = f.from;
    let count = 0;
    for (;;) {
      const page = await t.readEvents({ from, limit: 1000, types: list(f.type), categories: list(f.category), prefix: f.prefix });
      // One write per page keeps export fast; NDJSON is one recorded event per line.
      if (page.events.length > 0) {
        const text = `${page.events.map((e) => JSON.stringify(e)).join('\n')}\n`;
        if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
      }
      count += page.events.length;
      if (page.atEnd) break;
      from = page.next;
    }
    process.stderr.write(`exported ${count} events from ${t.where}\n`);
  });
}

export async function importCommand(file: string, f: CommonFlags & { progress: boolean; reorder?: boolean }) {
  await withTarget(f, async (t) => {
    const s = await importNdjson(t, file, {
      progress: f.progress && !f.json && Boolean(process.stderr.isTTY),
      reorder: f.reorder,
    });
    if (f.json) out(JSON.stringify(s));
    else {
      const skipped = s.skippedSystem ? `, ${s.skippedSystem} system events skipped` : '';
      out(`imported ${s.lines} lines into ${t.where}: ${s.appended} appended, ${s.alreadyPresent} already present${skipped}`);
    }
  });
}

export async function statsCommand(f: CommonFlags) {
  await withTarget(f, async (t) => {
    const s = await t.stats();
    if (f.json) {
      out(JSON.stringify(s));
      return;
    }
    out(`store    ${s.store} (${s.storeVersion}) at ${t.where}`);
    out(`events   ${s.events}`);
    out(`streams  ${s.streams}`);
    out(`head     ${s.head}`);
  });
}
