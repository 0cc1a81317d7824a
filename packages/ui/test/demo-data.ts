// Demo data for the UI tests and screenshots: bank accounts with a view, a traced transfer, and view-less orders.
import { randomUUID } from 'node:crypto';
import type { LogbookClient } from '@logbook/client';

export interface AccountState {
  owner: string | null;
  currency: string | null;
  balance: number;
  transactions: number;
  status: 'new' | 'open' | 'frozen';
  tags: string[];
}

type Ev = { type: string; data: unknown };

/** The time-travel view the test server registers for the `account` category. */
export const accountView = {
  initialState: (): AccountState => ({ owner: null, currency: null, balance: 0, transactions: 0, status: 'new', tags: [] }),
  evolve: (s: AccountState, e: Ev): AccountState => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    switch (e.type) {
      case 'AccountOpened':
        return { ...s, owner: String(d.owner), currency: String(d.currency), status: 'open' };
      case 'Deposited':
        return { ...s, balance: s.balance + Number(d.amount), transactions: s.transactions + 1 };
      case 'Withdrawn':
        return { ...s, balance: s.balance - Number(d.amount), transactions: s.transactions + 1 };
      case 'AccountTagged':
        return { ...s, tags: [...s.tags, String(d.tag)] };
      case 'AccountFrozen':
        return { ...s, status: 'frozen' };
      default:
        return s;
    }
  },
};

export interface DemoIds {
  transferId: string;
  requested: string;
  withdrawn: string;
  deposited: string;
  completed: string;
}

const owners = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth'];

export async function seedDemo(client: LogbookClient): Promise<DemoIds> {
  for (let i = 1; i <= owners.length; i++) {
    const events = [
      { type: 'AccountOpened', data: { owner: owners[i - 1]!, currency: 'EUR' } },
      ...Array.from({ length: 3 + i }, (_, k) => ({
        type: k % 3 === 2 ? 'Withdrawn' : 'Deposited',
        data: { amount: 25 * (k + i), reference: `INV-${1000 + k * 7 + i}` },
      })),
    ];
    if (i === 2) events.push({ type: 'AccountTagged', data: { tag: 'vip' } } as never);
    await client.append(`account-${i}`, events);
  }
  for (let o = 1; o <= 4; o++) {
    await client.append(`order-${1000 + o}`, [
      { type: 'OrderPlaced', data: { customer: owners[o]!, items: [{ sku: `SKU-${o}1`, qty: o }] } },
      { type: 'ItemAdded', data: { sku: `SKU-${o}2`, qty: 1, price: { amount: 1999, currency: 'EUR' } } },
      { type: 'OrderShipped', data: { carrier: 'DHL', tracking: `JD0146000${o}` } },
    ]);
  }
  // A transfer traced end to end: each step names the event that caused it, all share one correlation id.
  const ids: DemoIds = {
    transferId: 'transfer-7f3a',
    requested: randomUUID(),
    withdrawn: randomUUID(),
    deposited: randomUUID(),
    completed: randomUUID(),
  };
  const correlationId = randomUUID();
  const meta = (causationId?: string) => ({ correlationId, ...(causationId ? { causationId } : {}), user: 'ada@example.com' });
  await client.append(ids.transferId, [
    { id: ids.requested, type: 'TransferRequested', data: { from: 'account-1', to: 'account-2', amount: 40 }, metadata: meta() },
  ]);
  await client.append('account-1', [
    { id: ids.withdrawn, type: 'Withdrawn', data: { amount: 40 }, metadata: meta(ids.requested) },
  ]);
  await client.append('account-2', [
    { id: ids.deposited, type: 'Deposited', data: { amount: 40 }, metadata: meta(ids.withdrawn) },
  ]);
  await client.append(ids.transferId, [
    { id: ids.completed, type: 'TransferCompleted', data: { amount: 40 }, metadata: meta(ids.deposited) },
  ]);
  return ids;
}
