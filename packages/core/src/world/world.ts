// The in-memory world (seed: "A Practical Implementation of Event Sourcing with MySQL"): state machines kept current from the log.
import { LogbookError } from '../errors.js';
import type { EventToAppend, RecordedEvent } from '../event.js';
import type { AppendOptions, AppendOutcome, EventStore, MultiAppendInput } from '../event-store.js';
import { Mutex } from '../mutex.js';
import { type Position, START, comparePositions } from '../position.js';
import type { StreamWriteResult } from '../port.js';
import type { BlobStore } from './blob-store.js';
import { type Memo, memoize } from './memo.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot-codec.js';
import { type AnyStateMachine, type DependencyView, type WorldStates, dependencyOrder } from './state-machine.js';

export interface WorldOptions<Ms extends readonly AnyStateMachine[]> {
  machines: Ms;
  /** Where snapshots are kept; with it, start() restores the latest snapshot and reads only the events after it. */
  snapshots?: BlobStore;
  /** Blob key of the snapshot; default 'world.snapshot.json'. */
  snapshotKey?: string;
  /** Events per read while catching up; default 10 000 (the seed's batch size). */
  batchSize?: number;
}

/** One consistent state of the world: every machine's state at one position. */
export interface WorldView<States> {
  get<K extends keyof States & string>(name: K): States[K];
  readonly position: Position;
}

export interface ReadOptions {
  /** Milliseconds of staleness the caller accepts; 0 (default) reads the latest. */
  maxStaleness?: number;
}

interface Frame {
  states: Record<string, unknown>;
  position: Position;
}

export class World<Ms extends readonly AnyStateMachine[]> {
  private readonly order: AnyStateMachine[];
  private readonly handled: string[];
  /** Machines per event type, in dependency order. */
  private readonly byType = new Map<string, AnyStateMachine[]>();
  private frame: Frame;
  /** Positions of our own appends applied before catch-up reached them: skipped when it does. */
  private readonly ahead = new Set<string>();
  private readonly lock = new Mutex();
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;
  private applied = 0;

  constructor(
    readonly store: EventStore,
    private readonly options: WorldOptions<Ms>,
  ) {
    this.order = dependencyOrder(options.machines);
    this.handled = [...new Set(this.order.flatMap((m) => m.handles))];
    for (const type of this.handled)
      this.byType.set(
        type,
        this.order.filter((m) => m.handles.includes(type)),
      );
    this.frame = { states: Object.fromEntries(this.order.map((m) => [m.name, m.initialState])), position: START };
  }

  /** Position of the last event the world has read in order (own appends applied ahead are not counted). */
  get position(): Position {
    return this.frame.position;
  }

  /** Events applied since this world object was created (catch-up and own appends). */
  get eventsApplied(): number {
    return this.applied;
  }

  /** Restores the snapshot if there is one, then catches up with the log. */
  async start(): Promise<this> {
    const { snapshots } = this.options;
    if (snapshots) {
      const bytes = await snapshots.get(this.snapshotKey);
      const restored = bytes && decodeSnapshot(bytes, this.order);
      if (restored) {
        this.frame = { states: restored.states, position: restored.position };
        for (const p of restored.ahead) this.ahead.add(p);
      }
    }
    await this.refresh();
    return this;
  }

  /** Brings the world up to date with the log; concurrent callers share one catch-up. */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const started = Date.now();
    this.refreshing = this.lock
      .run(() => this.catchUp())
      .then(() => {
        this.lastRefresh = started;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** Runs `query` on one consistent state, refreshed first unless the last refresh is younger than maxStaleness. */
  async read<R>(options: ReadOptions, query: (view: WorldView<WorldStates<Ms>>) => R): Promise<R> {
    const maxStaleness = Math.max(0, options.maxStaleness ?? 0);
    if (maxStaleness === 0 || Date.now() - this.lastRefresh >= maxStaleness) await this.refresh();
    return query(this.view());
  }

  /** The current state without refreshing. */
  view(): WorldView<WorldStates<Ms>> {
    const frame = this.frame;
    return {
      position: frame.position,
      get: (name) => {
        if (!(name in frame.states)) throw new LogbookError('invalid_request', `no state machine named ${name}`);
        return frame.states[name] as never;
      },
    };
  }

  /** A cached query: recomputed only when a state it read is no longer the same object. */
  memo<A extends unknown[], R>(
    query: (view: WorldView<WorldStates<Ms>>, ...args: A) => R,
  ): Memo<WorldView<WorldStates<Ms>>, A, R> {
    return memoize(query);
  }

  /** Appends through the store, then applies the recorded events at once (read your own writes). */
  async append(streamId: string, events: EventToAppend[], options?: AppendOptions): Promise<AppendOutcome> {
    const outcome = await this.store.append(streamId, events, options);
    await this.applyOwn(outcome.events);
    return outcome;
  }

  async appendMultiple(input: MultiAppendInput): Promise<{ results: StreamWriteResult[]; recorded: RecordedEvent[] }> {
    const outcome = await this.store.appendMultiple(input);
    await this.applyOwn(outcome.recorded);
    return outcome;
  }

  /** Writes a snapshot of the world at its current position; returns that position. */
  snapshot(): Promise<Position> {
    const { snapshots } = this.options;
    if (!snapshots) throw new LogbookError('invalid_request', 'this world has no snapshot store');
    return this.lock.run(async () => {
      const frame = this.frame;
      await snapshots.put(this.snapshotKey, encodeSnapshot(frame.states, frame.position, [...this.ahead], this.order));
      return frame.position;
    });
  }

  /** Snapshots every `ms` in the background (the seed's cron job); returns a function that stops it. */
  snapshotEvery(ms: number, onError: (e: unknown) => void = () => {}): () => void {
    const timer = setInterval(() => this.snapshot().catch(onError), Math.max(1, ms));
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private get snapshotKey(): string {
    return this.options.snapshotKey ?? 'world.snapshot.json';
  }

  private applyOwn(recorded: readonly RecordedEvent[]): Promise<void> {
    return this.lock.run(() => {
      const fresh = recorded.filter(
        (e) => comparePositions(e.position, this.frame.position) > 0 && !this.ahead.has(e.position) && this.byType.has(e.type),
      );
      if (fresh.length === 0) return;
      for (const e of fresh) this.ahead.add(e.position);
      this.publish(fresh, this.frame.position);
    });
  }

  private async catchUp(): Promise<void> {
    const limit = Math.max(1, Math.min(this.options.batchSize ?? 10_000, 10_000));
    for (;;) {
      const page = await this.store.readAll({ from: this.frame.position, limit, filter: { types: this.handled } });
      const events = page.events.filter((e) => !this.ahead.delete(e.position));
      this.publish(events, page.next);
      if (page.atEnd) return;
    }
  }

  /** Applies events to a copy of the state record and swaps it in: readers holding the old frame are unaffected. */
  private publish(events: readonly RecordedEvent[], position: Position): void {
    if (events.length === 0 && position === this.frame.position) return;
    const states = { ...this.frame.states };
    const views = new Map<string, DependencyView>();
    const viewFor = (m: AnyStateMachine): DependencyView => {
      let view = views.get(m.name);
      if (!view) {
        const deps = new Set(m.dependsOn ?? []);
        view = {
          get: (name) => {
            if (!deps.has(name)) {
              throw new LogbookError(
                'invalid_request',
                `state machine ${m.name} reads ${name} without declaring it in dependsOn`,
              );
            }
            return states[name] as never;
          },
        };
        views.set(m.name, view);
      }
      return view;
    };
    for (const event of events) {
      for (const m of this.byType.get(event.type) ?? []) states[m.name] = m.apply(states[m.name], event, viewFor(m));
    }
    this.applied += events.length;
    this.frame = { states, position };
  }
}

export function createWorld<const Ms extends readonly AnyStateMachine[]>(
  store: EventStore,
  options: WorldOptions<Ms>,
): World<Ms> {
  return new World(store, options);
}
