// W1-W3 and W6: sequential and concurrent appends, every one passing the stream's expected revision.
import { depositEvent, depositEvents } from '../payload.js';
import { percentile } from '../stats.js';
import type { Session } from '../subjects/types.js';

const STREAMS = 1_000;

/** W1: one event per append, sequential, round-robin over 1,000 streams. Returns events/s. */
export async function w1(session: Session, appends: number, tag: string): Promise<number> {
  const streams = Math.min(STREAMS, appends);
  const last = new Array<number>(streams).fill(-1);
  const start = performance.now();
  for (let i = 0; i < appends; i++) {
    const s = i % streams;
    const streamId = `account-${tag}s${s}`;
    await session.append(streamId, last[s] as number, [depositEvent(streamId, i)]);
    last[s] = (last[s] as number) + 1;
  }
  return appends / ((performance.now() - start) / 1000);
}

/** W2: 100 events per append, sequential. Returns events/s. */
export async function w2(session: Session, appends: number, tag: string): Promise<number> {
  const streams = Math.min(100, appends);
  const last = new Array<number>(streams).fill(-1);
  const start = performance.now();
  for (let i = 0; i < appends; i++) {
    const s = i % streams;
    const streamId = `account-${tag}b${s}`;
    await session.append(streamId, last[s] as number, depositEvents(streamId, i * 100, 100));
    last[s] = (last[s] as number) + 100;
  }
  return (appends * 100) / ((performance.now() - start) / 1000);
}

/** W3: `writers` concurrent writers, one event per append, each on its own streams. Returns events/s. */
export async function w3(
  session: Session,
  writers: number,
  perWriter: number,
  tag: string,
  onAppended?: (seq: number, ackAt: number) => void,
): Promise<number> {
  const streamsPerWriter = Math.max(1, Math.floor(STREAMS / writers));
  let seq = 0;
  const writer = async (w: number) => {
    const last = new Array<number>(streamsPerWriter).fill(-1);
    for (let i = 0; i < perWriter; i++) {
      const s = i % streamsPerWriter;
      const streamId = `account-${tag}w${w}x${s}`;
      const n = seq++;
      const event = depositEvent(streamId, n, performance.now());
      event.data.amount = n; // the sequence number, so a follower can match deliveries to acknowledgements
      await session.append(streamId, last[s] as number, [event]);
      onAppended?.(n, performance.now());
      last[s] = (last[s] as number) + 1;
    }
  };
  const start = performance.now();
  // allSettled: a failing writer must not leave the others running on a store that is about to be closed.
  const settled = await Promise.allSettled(Array.from({ length: writers }, (_, w) => writer(w)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return (writers * perWriter) / ((performance.now() - start) / 1000);
}

export interface LatencyResult {
  /** From the append call to delivery to the live subscriber. */
  p50: number;
  p99: number;
  /** From the append's acknowledgement to delivery (0 when delivered first). */
  ackP50: number;
  ackP99: number;
  delivered: number;
  rate: number;
}

/** W6: W3 with a live subscriber; latency of each event from append to delivery. */
export async function w6(session: Session, writers: number, perWriter: number, tag: string): Promise<LatencyResult> {
  if (!session.follow) throw new Error('this subject has no live subscription');
  const deliveredAt = new Map<number, number>();
  const sentAt = new Map<number, number>();
  const ackAt = new Map<number, number>();
  const total = writers * perWriter;
  let resolveAll: () => void = () => {};
  const all = new Promise<void>((r) => {
    resolveAll = r;
  });
  const stop = await session.follow((data) => {
    deliveredAt.set(data.amount, performance.now());
    sentAt.set(data.amount, data.sentAt);
    if (deliveredAt.size >= total) resolveAll();
  });
  const rate = await w3(session, writers, perWriter, tag, (seq, at) => ackAt.set(seq, at));
  const timeout = new Promise<void>((r) => setTimeout(r, 30_000).unref());
  await Promise.race([all, timeout]);
  await stop();
  const e2e: number[] = [];
  const fromAck: number[] = [];
  for (const [seq, at] of deliveredAt) {
    e2e.push(at - (sentAt.get(seq) ?? at));
    fromAck.push(Math.max(0, at - (ackAt.get(seq) ?? at)));
  }
  if (deliveredAt.size < total) throw new Error(`the subscriber got ${deliveredAt.size} of ${total} events in 30 s`);
  return {
    p50: percentile(e2e, 50),
    p99: percentile(e2e, 99),
    ackP50: percentile(fromAck, 50),
    ackP99: percentile(fromAck, 99),
    delivered: deliveredAt.size,
    rate,
  };
}
