// State machines of the in-memory world: pure, copy-on-write reducers over event types, fed in dependency order.
import { LogbookError } from '../errors.js';
import type { RecordedEvent } from '../event.js';
import type { JsonValue } from '../json.js';

/** What an apply function may look at: the states of the machines it declared in `dependsOn` (already updated). */
export interface DependencyView {
  get<S = unknown>(name: string): S;
}

export interface StateMachine<S = unknown, Name extends string = string> {
  name: Name;
  /** Event types this machine applies. */
  handles: readonly string[];
  initialState: S;
  /** Returns the next state; must not mutate `state` (old references stay valid and unchanged). Return `state` itself for "no change". */
  apply(state: S, event: RecordedEvent, dependencies: DependencyView): S;
  /** For snapshots; default: the state is already JSON. */
  serialize?(state: S): JsonValue;
  deserialize?(json: JsonValue): S;
  /** Machines whose state `apply` reads; they are fed each event first. */
  dependsOn?: readonly string[];
  /** Bump when the state shape changes: older snapshots are then ignored and the world is rebuilt from the log. */
  version?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the state type of a machine in a heterogeneous list is erased on purpose
export type AnyStateMachine = StateMachine<any, string>;

/** Maps a list of machines to `{ [name]: state }`. */
export type WorldStates<Ms extends readonly AnyStateMachine[]> = {
  [M in Ms[number] as M['name']]: M['initialState'];
};

export function defineStateMachine<S, Name extends string>(machine: StateMachine<S, Name>): StateMachine<S, Name> {
  return machine;
}

/** Orders machines so every machine comes after the ones it depends on; a cycle or an unknown name is an error. */
export function dependencyOrder<M extends AnyStateMachine>(machines: readonly M[]): M[] {
  const byName = new Map<string, M>();
  for (const m of machines) {
    if (!m.name || byName.has(m.name))
      throw new LogbookError('invalid_request', `state machine name "${m.name}" is empty or used twice`);
    byName.set(m.name, m);
  }
  for (const m of machines) {
    for (const d of m.dependsOn ?? []) {
      if (!byName.has(d)) throw new LogbookError('invalid_request', `state machine ${m.name} depends on unknown machine ${d}`);
    }
  }
  const order: M[] = [];
  const mark = new Map<string, 'visiting' | 'done'>();
  const visit = (m: M, path: string[]) => {
    const seen = mark.get(m.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(m.name)), m.name].join(' -> ');
      throw new LogbookError('invalid_request', `state machines depend on each other in a cycle: ${cycle}`, { cycle });
    }
    mark.set(m.name, 'visiting');
    for (const d of m.dependsOn ?? []) visit(byName.get(d) as M, [...path, m.name]);
    mark.set(m.name, 'done');
    order.push(m);
  };
  for (const m of machines) visit(m, []);
  return order;
}
