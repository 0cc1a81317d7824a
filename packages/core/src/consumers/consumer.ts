// Checkpointed at-least-once consumers: the seed's mail service. Checkpoints live in the store and never pass unprocessed work.
import { runInEventContext } from '../domain/message-context.js';
import { LogbookError } from '../errors.js';
import type { LogFilter, RecordedEvent } from '../event.js';
import type { EventStore } from '../event-store.js';
import { type Position, START } from '../position.js';
import { Checkpointer, type CheckpointPolicy } from './checkpointer.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import { type ConsumerHandler, type DeliveryOptions, deliver } from './deliver.js';
import { followLog } from './log-follower.js';
import { PositionTracker } from './progress.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';

export interface ConsumerOptions {
  /** Stable name: the checkpoint and the parked stream are keyed by it. */
  name: string;
  handler: ConsumerHandler;
  /** Only these event types reach the handler (others still move the checkpoint). */
  handles?: readonly string[];
  filter?: LogFilter;
  checkpoint?: CheckpointPolicy;
  retry?: RetryPolicy;
  breaker?: CircuitBreaker;
  /** Where a consumer without a checkpoint starts; default 'start'. */
  from?: 'start' | 'end';
  batchSize?: number;
  pollIntervalMs?: number;
  /** System streams (`$...`, e.g. parked events) are skipped unless this is set. */
  includeSystemStreams?: boolean;
  around?: DeliveryOptions['around'];
  onFailure?: DeliveryOptions['onFailure'];
  /** Called when an event is parked or the consumer pauses. */
  onParked?: (event: RecordedEvent, error: unknown, attempts: number) => void;
}

/** Internal knobs used by consumer groups (a partition worker is a consumer with a fence). */
export interface ConsumerInternals {
  checkpointName?: string;
  accept?: (event: RecordedEvent) => boolean;
  saveCheckpoint?: (position: Position) => Promise<void>;
  readCheckpoint?: () => Promise<Position | undefined>;
  /** Checked before each event: false means our lease ran out (e.g. after a long pause), so stop without saving. */
  stillOwner?: () => boolean;
}

export type ConsumerStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'failed';

export const consumerCheckpointName = (name: string): string => `consumer:${name}`;

export class Consumer {
  private controller = new AbortController();
  private checkpointer: Checkpointer | undefined;
  private readonly tracker = new PositionTracker();
  private loop: Promise<void> = Promise.resolve();
  private state: ConsumerStatus = 'idle';
  private error: unknown;
  private readonly types: Set<string> | undefined;

  constructor(
    readonly store: EventStore,
    private readonly options: ConsumerOptions,
    private readonly internals: ConsumerInternals = {},
  ) {
    if (!options.name) throw new LogbookError('invalid_request', 'a consumer needs a name');
    this.types = options.handles ? new Set(options.handles) : undefined;
  }

  get name(): string {
    return this.options.name;
  }
  get status(): ConsumerStatus {
    return this.state;
  }
  /** The error that paused or failed the consumer. */
  get lastError(): unknown {
    return this.error;
  }
  /** Last position processed (in memory; the saved checkpoint may lag by the checkpoint policy). */
  position(): Position {
    return this.tracker.position;
  }
  /** Resolves when the consumer stops; rejects when it fails. */
  get done(): Promise<void> {
    return this.loop;
  }

  start(): this {
    if (this.state === 'running') return this;
    this.controller = new AbortController();
    this.state = 'running';
    this.error = undefined;
    this.tracker.reset();
    this.loop = this.run().catch((e) => {
      this.state = 'failed';
      this.error = e;
      this.tracker.failFuture(e);
      throw e;
    });
    this.loop.catch(() => {});
    return this;
  }

  /** Continues a paused consumer from its checkpoint (the event that paused it is tried again). */
  resume(): this {
    if (this.state !== 'paused') throw new LogbookError('invalid_request', `consumer ${this.name} is ${this.state}, not paused`);
    return this.start();
  }

  /** Stops after the event in hand and saves the checkpoint. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop.catch(() => {});
    if (this.state !== 'failed') await this.checkpointer?.flush();
    if (this.state === 'running') this.state = 'stopped';
    this.tracker.failFuture(new LogbookError('store_closed', `consumer ${this.name} is stopped`));
  }

  /** Simulates a crash: stops at once and saves nothing more (tests of restart safety use it). */
  async kill(): Promise<void> {
    const abandoned = this.checkpointer?.abandon();
    this.controller.abort();
    this.state = 'stopped';
    this.tracker.failFuture(new LogbookError('store_closed', `consumer ${this.name} is stopped`));
    await Promise.all([abandoned, this.loop.catch(() => {})]);
  }

  /** Resolves when every event up to `position` is processed. */
  waitFor(position: Position): Promise<void> {
    return this.tracker.waitFor(position);
  }

  /** Resolves when the consumer has processed everything in the log at the time of the call. */
  async whenCaughtUp(): Promise<void> {
    return this.tracker.waitFor(await this.store.headPosition());
  }

  private async run(): Promise<void> {
    const { store, options, internals } = this;
    const signal = this.controller.signal;
    const checkpoints = store.port.checkpoints;
    const name = internals.checkpointName ?? consumerCheckpointName(options.name);
    if (!checkpoints && !internals.saveCheckpoint) {
      throw new LogbookError('capability_missing', `the ${store.kind} store keeps no checkpoints`);
    }
    const read = internals.readCheckpoint ?? (() => (checkpoints as NonNullable<typeof checkpoints>).read(name));
    const save = internals.saveCheckpoint ?? ((p: Position) => (checkpoints as NonNullable<typeof checkpoints>).write(name, p));
    let from = await read();
    if (from === undefined && options.from === 'end') {
      from = await store.headPosition();
      await save(from);
    }
    const checkpointer = new Checkpointer(save, options.checkpoint, from);
    this.checkpointer = checkpointer;
    this.tracker.advance(from ?? START);
    const retry = resolveRetryPolicy(options.retry);
    const delivery: DeliveryOptions = {
      store,
      consumer: options.name,
      handler: options.handler,
      retry,
      breaker: options.breaker,
      signal,
      // Whatever the handler appends is caused by the event and shares its correlation id.
      around: options.around ?? ((event, call) => runInEventContext(event, call)),
      onFailure: options.onFailure,
    };
    await followLog(
      store,
      {
        from: from ?? START,
        // The store skips other types itself; `wants` still guards (system streams, partitions).
        filter: options.handles && !options.filter?.types ? { ...options.filter, types: options.handles } : options.filter,
        batchSize: options.batchSize,
        pollIntervalMs: options.pollIntervalMs,
        signal,
      },
      async (page) => {
        for (const event of page.events) {
          if (signal.aborted) return undefined;
          if (internals.stillOwner && !internals.stillOwner()) {
            void this.kill(); // not awaited: kill waits for this very loop to end
            return undefined;
          }
          const wanted = this.wants(event);
          if (wanted) {
            const outcome = await deliver(event, delivery);
            if (outcome.kind === 'aborted') return undefined;
            if (outcome.kind === 'paused' || outcome.kind === 'parked')
              options.onParked?.(event, outcome.error, outcome.attempts);
            if (outcome.kind === 'paused') {
              this.state = 'paused';
              this.error = outcome.error;
              this.controller.abort();
              await checkpointer.flush();
              this.tracker.failFuture(
                new LogbookError('handler_failed', `consumer ${options.name} paused`, { eventId: event.id }),
              );
              return undefined;
            }
          }
          // Only now is the event done: the checkpointer may move to it.
          // Skipped events move the position but do not count towards `everyEvents`.
          await checkpointer.processed(event.position, wanted ? 1 : 0);
          this.tracker.advance(event.position);
        }
        if (signal.aborted) return undefined;
        await checkpointer.processed(page.next, 0);
        this.tracker.advance(page.next);
        return page.next;
      },
    );
  }

  private wants(event: RecordedEvent): boolean {
    if (!this.options.includeSystemStreams && event.streamId.startsWith('$')) return false;
    if (this.types && !this.types.has(event.type)) return false;
    return this.internals.accept ? this.internals.accept(event) : true;
  }
}

export function createConsumer(store: EventStore, options: ConsumerOptions): Consumer {
  return new Consumer(store, options);
}
