// What every benchmarked subject (Logbook on a store, the raw database, Emmett) offers the workloads.
import type { BenchEvent } from '../payload.js';

export type Backend = 'memory' | 'sqlite' | 'postgres';
export type Impl = 'logbook' | 'raw' | 'emmett';

/** A live follower for W6: calls back with each event's data as it is delivered. */
export type Follower = (data: BenchEvent['data']) => void;

export interface Session {
  /**
   * Appends `events` to `streamId`, which must currently end at revision `last` (-1: the stream does not exist).
   * Every subject passes this as its expected revision / version, so conflicts are checked on every append.
   */
  append(streamId: string, last: number, events: BenchEvent[]): Promise<void>;
  /** Loads one stream and folds it to a balance (W4). */
  fold(streamId: string): Promise<{ events: number; balance: number }>;
  /** Reads the whole log from the start until caught up through the subject's subscription / consumer API (W5). */
  scanAll(): Promise<number>;
  /** Starts a live follower from the end of the log (W6); resolves with a stop function once it is listening. */
  follow?(onEvent: Follower): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface Subject {
  impl: Impl;
  backend: Backend;
  /** e.g. "logbook/sqlite". */
  label: string;
  /** A fresh, empty store. */
  open(): Promise<Session>;
}

export type SubjectFactory = () => Promise<Subject | { skipped: string }>;
