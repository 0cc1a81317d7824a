// `logbook import`: NDJSON in file order, idempotent by event id, with a progress bar (rate and ETA).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EventInput } from '@logbook/client';
import { SingleBar } from 'cli-progress';
import type { Target } from './target.js';

export interface ImportSummary {
  lines: number;
  appended: number;
  alreadyPresent: number;
  skippedSystem: number;
}

interface Line {
  streamId: string;
  event: EventInput;
}

const MAX_CHUNK = 1000;

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim()) n++;
  }
  return n;
}

function parseLine(text: string, lineNo: number): Line {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(text);
  } catch (err) {
    throw new Error(`line ${lineNo}: not JSON (${(err as Error).message})`);
  }
  if (!e || typeof e !== 'object' || typeof e.streamId !== 'string' || typeof e.type !== 'string' || typeof e.id !== 'string') {
    throw new Error(`line ${lineNo}: expected a recorded event with id, streamId, type and data`);
  }
  const event: EventInput = { id: e.id, type: e.type, data: (e.data ?? null) as never };
  if (e.metadata && typeof e.metadata === 'object') event.metadata = e.metadata as never;
  return { streamId: e.streamId, event };
}

/**
 * Chunks keep the file's global order exactly: a chunk is a run where each stream's events are contiguous,
 * so one multi-stream append (writes in first-seen order) records them in the same order as the file.
 */
async function writeChunk(target: Target, chunk: Line[], summary: ImportSummary): Promise<void> {
  // One group per stream, in first-seen order (with the default chunking each stream's run is contiguous anyway).
  const byStream = new Map<string, { streamId: string; events: EventInput[] }>();
  for (const l of chunk) {
    const group = byStream.get(l.streamId) ?? { streamId: l.streamId, events: [] };
    group.events.push(l.event);
    byStream.set(l.streamId, group);
  }
  const groups = [...byStream.values()];
  try {
    const results = await target.transaction({ appends: groups });
    for (const [i, r] of results.entries()) {
      const n = groups[i]?.events.length ?? 0;
      if (r.outcome === 'appended') summary.appended += n;
      else summary.alreadyPresent += n;
    }
  } catch (e) {
    // A chunk that is only partly present (an earlier run stopped elsewhere): go event by event.
    if ((e as { code?: string }).code !== 'idempotency_conflict') throw e;
    for (const l of chunk) {
      const r = await target.append(l.streamId, [l.event]);
      if (r.outcome === 'appended') summary.appended++;
      else summary.alreadyPresent++;
    }
  }
}

/**
 * `reorder`: chunks of up to 1000 events whatever the interleaving, grouped by stream. Much faster on logs where
 * streams interleave finely; each stream keeps its order, the interleaving between streams inside a chunk does not.
 */
export async function importNdjson(
  target: Target,
  file: string,
  options: { progress: boolean; reorder?: boolean },
): Promise<ImportSummary> {
  const total = await countLines(file);
  const summary: ImportSummary = { lines: 0, appended: 0, alreadyPresent: 0, skippedSystem: 0 };
  const bar = options.progress
    ? new SingleBar({
        format: 'import [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | ETA {eta_formatted}',
        etaBuffer: 50,
        stream: process.stderr,
      })
    : undefined;
  const started = Date.now();
  bar?.start(total, 0, { rate: 0 });
  let chunk: Line[] = [];
  const seen = new Set<string>();
  const flush = async () => {
    if (chunk.length === 0) return;
    await writeChunk(target, chunk, summary);
    chunk = [];
    seen.clear();
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    bar?.update(summary.lines, { rate: Math.round(summary.lines / seconds) });
  };
  let lineNo = 0;
  try {
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
      lineNo++;
      if (!text.trim()) continue;
      const line = parseLine(text, lineNo);
      summary.lines++;
      if (line.streamId.startsWith('$')) {
        summary.skippedSystem++;
        continue;
      }
      const last = chunk[chunk.length - 1];
      const interleaved = !options.reorder && seen.has(line.streamId) && last?.streamId !== line.streamId;
      if (chunk.length >= MAX_CHUNK || interleaved) await flush();
      chunk.push(line);
      seen.add(line.streamId);
    }
    await flush();
  } finally {
    bar?.update(summary.lines);
    bar?.stop();
  }
  return summary;
}
