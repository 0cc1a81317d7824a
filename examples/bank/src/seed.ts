// Demo data for `npm start` and the narrated demo: a few accounts and a few hundred events, the same on every run.
import type { EventStore } from '@logbook/core';
import { accountStream } from './account.js';
import { Bank } from './bank.js';

export interface SeedResult {
  /** False when the demo accounts already existed and nothing was written. */
  seeded: boolean;
  accounts: string[];
  events: number;
}

export const DEMO_ACCOUNTS: ReadonlyArray<{ id: string; owner: string }> = [
  { id: 'alice', owner: 'Alice Martin' },
  { id: 'bob', owner: 'Bob Nguyen' },
  { id: 'carol', owner: 'Carol Diaz' },
  { id: 'dave', owner: 'Dave Okafor' },
];

/** mulberry32: a tiny seeded PRNG, so the demo data is identical on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DESCRIPTIONS = ['salary', 'rent', 'groceries', 'coffee', 'books', 'train ticket', 'refund', 'gift'];

/**
 * Opens the demo accounts and plays about `targetEvents` deposits, withdrawals and transfers through the command
 * handler. Idempotent: does nothing when the first demo account already exists.
 */
export async function seedDemoData(
  store: EventStore,
  options: { targetEvents?: number; seed?: number } = {},
): Promise<SeedResult> {
  const ids = DEMO_ACCOUNTS.map((a) => a.id);
  const first = DEMO_ACCOUNTS[0] as { id: string };
  if ((await store.streamInfo(accountStream(first.id))).exists) return { seeded: false, accounts: ids, events: 0 };
  const bank = new Bank(store);
  const random = prng(options.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const balances = new Map<string, number>();
  let events = 0;
  for (const { id, owner } of DEMO_ACCOUNTS) {
    await bank.open(id, owner, 'EUR', { commandId: `seed-open-${id}` });
    const opening = 50_000 + Math.floor(random() * 200_000);
    await bank.deposit(id, opening, 'opening deposit');
    balances.set(id, opening);
    events += 2;
  }
  const target = options.targetEvents ?? 300;
  for (let n = 0; events < target; n++) {
    const id = pick(ids);
    const balance = balances.get(id) ?? 0;
    const roll = random();
    const amount = 100 + Math.floor(random() * 20_000);
    if (roll < 0.5 && balance >= amount) {
      const to = pick(ids.filter((x) => x !== id));
      await bank.transfer(id, to, amount, { transferId: `seed-transfer-${n}`, description: pick(DESCRIPTIONS) });
      balances.set(id, balance - amount);
      balances.set(to, (balances.get(to) ?? 0) + amount);
      events += 2;
    } else if (roll < 0.8 || balance < amount) {
      await bank.deposit(id, amount, pick(DESCRIPTIONS));
      balances.set(id, balance + amount);
      events += 1;
    } else {
      await bank.withdraw(id, amount, pick(DESCRIPTIONS));
      balances.set(id, balance - amount);
      events += 1;
    }
  }
  return { seeded: true, accounts: ids, events };
}
