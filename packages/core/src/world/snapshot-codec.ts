// World snapshots as JSON bytes: position, own-appends-ahead, and each machine's serialized state with its version.
import type { JsonValue } from '../json.js';
import { type Position, isPosition } from '../position.js';
import type { AnyStateMachine } from './state-machine.js';

const FORMAT = 1;

interface SnapshotFile {
  format: number;
  position: string;
  ahead: string[];
  takenAt: string;
  machines: Record<string, { version: number; state: JsonValue }>;
}

export function encodeSnapshot(
  states: Record<string, unknown>,
  position: Position,
  ahead: string[],
  machines: readonly AnyStateMachine[],
): Uint8Array {
  const file: SnapshotFile = {
    format: FORMAT,
    position,
    ahead,
    takenAt: new Date().toISOString(),
    machines: Object.fromEntries(
      machines.map((m) => [
        m.name,
        { version: m.version ?? 1, state: m.serialize ? m.serialize(states[m.name]) : (states[m.name] as JsonValue) },
      ]),
    ),
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

/** The restored states, or undefined when the snapshot does not fit these machines (then the world replays the log). */
export function decodeSnapshot(
  bytes: Uint8Array,
  machines: readonly AnyStateMachine[],
): { states: Record<string, unknown>; position: Position; ahead: Position[] } | undefined {
  let file: SnapshotFile;
  try {
    file = JSON.parse(new TextDecoder().decode(bytes)) as SnapshotFile;
  } catch {
    return undefined;
  }
  if (file?.format !== FORMAT || !isPosition(file.position) || typeof file.machines !== 'object') return undefined;
  const states: Record<string, unknown> = {};
  for (const m of machines) {
    const saved = file.machines[m.name];
    if (!saved || saved.version !== (m.version ?? 1)) return undefined;
    states[m.name] = m.deserialize ? m.deserialize(saved.state) : saved.state;
  }
  const ahead = (file.ahead ?? []).filter(isPosition);
  return { states, position: file.position, ahead };
}
