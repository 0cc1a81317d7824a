// Group commit: appends queued in the same turn of the event loop commit together in ONE transaction (one fsync),
// each inside its own savepoint so it keeps its own expected-revision check (seeing the appends before it) and outcome.
import type { AppendResult } from '@logbook/core';
import { type LogHead, applyAppend } from './apply-append.js';
import type { SqliteDatabase } from './driver.js';
import type { EncodedAppend } from './encode.js';
import { toStoreError } from './errors.js';
import type { Gate } from './gate.js';
import { rollbackQuietly } from './sql/transaction-control.js';
import type { Statements } from './statements.js';
import { openTransaction } from './transaction-context.js';

interface Pending {
  append: EncodedAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  db: SqliteDatabase;
  statements: Statements;
  gate: Gate;
  now: () => Date;
  /** false: one transaction per append. */
  enabled: boolean;
  /** Most appends per transaction. */
  maxBatch: number;
  /** Called after a commit that wrote at least one event. */
  onCommitted: () => void;
}

export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private busy = false;
  /** Transactions committed by appends; the group-commit test compares it with the number of appends. */
  commits = 0;

  constructor(private readonly o: GroupCommitOptions) {}

  submit(append: EncodedAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      this.schedule();
    });
  }

  /** True when nothing is queued or being committed. */
  get idle(): boolean {
    return this.queue.length === 0 && !this.busy && !this.scheduled;
  }

  private schedule(): void {
    if (this.scheduled || this.busy) return;
    this.scheduled = true;
    // setImmediate runs after every pending promise continuation, so writers woken by the previous commit have all
    // queued their next append by then: that is what lets a batch form.
    if (this.o.enabled) setImmediate(() => this.flush());
    else queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.busy || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.o.enabled ? this.o.maxBatch : 1);
    this.busy = true;
    const done = () => {
      this.busy = false;
      if (this.queue.length > 0) this.schedule();
    };
    // Without inline hooks commitBatch never awaits, so it runs start to COMMIT synchronously.
    const awaits = batch.some((p) => p.append.request.inline);
    const run = awaits ? this.o.gate.exclusive(() => this.commitBatch(batch)) : this.o.gate.run(() => this.commitBatch(batch));
    run.then(done, done);
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    const { db, statements: s } = this.o;
    const outcomes: Outcome[] = [];
    let wrote = false;
    try {
      s.tx.begin();
      const log: LogHead = { head: s.headPosition() };
      for (const p of batch) {
        const before = log.head;
        s.tx.savepoint();
        try {
          const result = applyAppend(s, log, p.append, this.o.now().toISOString());
          const appended = result.ok && result.results[0]?.outcome === 'appended';
          const inline = p.append.request.inline;
          if (appended && inline) {
            const tx = openTransaction(db, s, this.o.now);
            await inline(tx.context, result.recorded);
            tx.assertFences();
          }
          if (appended) {
            s.tx.release();
            wrote = true;
          } else {
            s.tx.rollbackToSavepoint();
            log.head = before;
          }
          outcomes.push({ ok: true, result });
        } catch (error) {
          // SQLite may have rolled back the whole transaction (I/O error, disk full): then the batch fails as one.
          if (!db.inTransaction) throw error;
          s.tx.rollbackToSavepoint();
          log.head = before;
          outcomes.push({ ok: false, error: toStoreError(error) });
        }
      }
      s.tx.commit();
      this.commits++;
    } catch (error) {
      rollbackQuietly(s);
      const e = toStoreError(error);
      for (const p of batch) p.reject(e);
      return;
    }
    // Subscribers first: their wake-up is queued ahead of the writers' continuations (which prepare the next batch).
    if (wrote) this.o.onCommitted();
    batch.forEach((p, i) => {
      const o = outcomes[i] as Outcome;
      if (o.ok) p.resolve(o.result);
      else p.reject(o.error);
    });
  }
}
