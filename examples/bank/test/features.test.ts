import { EventStore, MemoryStore, foldEvents, useMetadata, useUpcasters, withEventContext } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { Bank, accountStateView, accountStream, bankUpcasters, bankViews, seedDemoData } from '../src/index.js';
import { STORES, countReads } from './stores.js';

describe.each(STORES)('bank features on the $name store', (factory) => {
  it('loads an account from its snapshot, reading only the events after it', async () => {
    const reads = countReads();
    const store = await factory.create({ wrap: reads.wrap });
    const bank = new Bank(store);
    await bank.open('a', 'Ada');
    for (let i = 0; i < 249; i++) await bank.deposit('a', 1);
    const snap = await store.port.snapshots?.read(accountStream('a'), 'default');
    expect(snap).toMatchObject({ revision: 199n, schemaVersion: 1, state: { balance: 199, opened: true } });
    reads.reset();
    const loaded = await bank.accounts.load(accountStream('a'));
    expect(loaded).toMatchObject({ revision: 249n, snapshotRevision: 199n, state: { balance: 249 } });
    expect(reads.count()).toBe(50);
  });

  it('reads legacy DepositMade events as MoneyDeposited and stamps new events with their schema version', async () => {
    const store = await factory.create();
    // What the first release wrote, before versioning existed.
    await store.append(accountStream('a'), [
      { type: 'AccountOpened', data: { owner: 'Ada', currency: 'EUR' } },
      { type: 'DepositMade', data: { euros: '12.5', memo: 'pocket money' } },
    ]);
    useUpcasters(store, bankUpcasters());
    const bank = new Bank(store);
    const out = await bank.deposit('a', 100);
    expect(out.events[0]?.metadata.schemaVersion).toBe(2);
    expect(out.state.balance).toBe(1_350);
    const lines = await bank.statement('a');
    expect(lines.map((l) => [l.type, l.description, l.amount])).toEqual([
      ['AccountOpened', 'account opened for Ada', 0],
      ['MoneyDeposited', 'pocket money', 1_250],
      ['MoneyDeposited', 'deposit', 100],
    ]);
    expect((await store.readAll()).events.map((e) => e.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyDeposited']);
  });

  it('reactions in a subscription inherit the correlation of the event they handle', async () => {
    const store = await factory.create();
    useMetadata(store);
    const bank = new Bank(store);
    await bank.open('a', 'Ada', 'EUR', { correlationId: 'onboarding-1' });
    await bank.deposit('a', 90_000);
    const sub = store.subscribe(
      { filter: { types: ['MoneyWithdrawn'] } },
      withEventContext(async (e) => {
        if ((e.data as { amount: number }).amount >= 50_000)
          await store.append(`alert-${e.streamId}`, [{ type: 'LargeWithdrawal', data: null }]);
      }),
    );
    const w = await bank.withdraw('a', 60_000, 'car', { correlationId: 'req-42', userId: 'ada' });
    await sub.caughtUp;
    for (let i = 0; i < 200 && !(await store.streamInfo(`alert-${accountStream('a')}`)).exists; i++)
      await new Promise((r) => setTimeout(r, 5));
    await sub.stop();
    const [alert] = await store.readStreamToArray(`alert-${accountStream('a')}`);
    expect(alert?.metadata).toMatchObject({ correlationId: 'req-42', causationId: w.events[0]?.id, userId: 'ada' });
    expect(w.events[0]?.metadata).toMatchObject({ correlationId: 'req-42', userId: 'ada' });
  });

  it('seeds the demo data once, the same every time, with money conserved', async () => {
    const store = await factory.create();
    const first = await seedDemoData(store);
    expect(first.seeded).toBe(true);
    expect(first.events).toBeGreaterThanOrEqual(300);
    const stats = await store.stats();
    expect(stats.events).toBe(BigInt(first.events));
    expect(await seedDemoData(store)).toMatchObject({ seeded: false, events: 0 });
    expect(await store.stats()).toEqual(stats);
    // Deterministic: a fresh memory store seeded the same way ends with the same balances.
    const other = new EventStore(new MemoryStore());
    await seedDemoData(other);
    const bank = new Bank(store);
    const otherBank = new Bank(other);
    let total = 0;
    for (const id of first.accounts) {
      const { balance } = await bank.balance(id);
      expect(balance).toBeGreaterThanOrEqual(0);
      expect((await otherBank.balance(id)).balance).toBe(balance);
      total += balance;
    }
    // Transfers move money, they never create it: the total is what came in minus what went out.
    let net = 0;
    for (let from = '0', atEnd = false; !atEnd; ) {
      const page = await store.readAll({ from, limit: 100 });
      for (const e of page.events) {
        const amount = (e.data as { amount?: number }).amount ?? 0;
        if (e.type === 'MoneyDeposited') net += amount;
        if (e.type === 'MoneyWithdrawn') net -= amount;
      }
      ({ next: from, atEnd } = page);
    }
    expect(total).toBe(net);
    expect((await store.readAll({ filter: { types: ['TransferSent'] }, limit: 1 })).events).toHaveLength(1);
  });

  it('the exported state view folds an account stream as the command side sees it', async () => {
    const store = await factory.create();
    await seedDemoData(store, { targetEvents: 60 });
    const events = await store.readStreamToArray(accountStream('bob'));
    const folded = foldEvents(bankViews.account, events);
    expect(accountStateView.category).toBe('account');
    expect(folded).toEqual((await new Bank(store).accounts.load(accountStream('bob'))).state);
  });
});
