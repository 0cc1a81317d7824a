import { type LogbookError, isDomainError } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { Bank, accountStream } from '../src/index.js';
import { STORES, manualClock } from './stores.js';

async function rejection(p: Promise<unknown>): Promise<LogbookError> {
  try {
    await p;
  } catch (e) {
    return e as LogbookError;
  }
  throw new Error('expected a rejection');
}

describe.each(STORES)('bank on the $name store', (factory) => {
  it('opens, deposits, withdraws; an overdraft is rejected and writes nothing', async () => {
    const store = await factory.create();
    const bank = new Bank(store);
    await bank.open('a', 'Ada');
    await bank.deposit('a', 10_000);
    await bank.withdraw('a', 2_500);
    expect(await bank.balance('a')).toEqual({ balance: 7_500, currency: 'EUR', revision: 2n });
    const err = await rejection(bank.withdraw('a', 7_501));
    expect(isDomainError(err, 'insufficient_funds')).toBe(true);
    expect(err.details).toMatchObject({ balance: 7_500, requested: 7_501 });
    expect((await store.stats()).events).toBe(3n);
    expect((await rejection(bank.deposit('nobody', 5))).details.reason).toBe('account_not_open');
    expect((await rejection(bank.open('a', 'Ada again'))).details.reason).toBe('account_already_open');
  });

  it('transfers as one atomic append to both accounts, or not at all', async () => {
    const store = await factory.create();
    const bank = new Bank(store);
    await bank.open('a', 'Ada');
    await bank.open('b', 'Bob');
    await bank.open('g', 'Gbp', 'GBP');
    await bank.deposit('a', 1_000);
    const out = await bank.transfer('a', 'b', 400, { transferId: 't-1' });
    expect(out.results.map((r) => [r.streamId, r.state.balance])).toEqual([
      [accountStream('a'), 600],
      [accountStream('b'), 400],
    ]);
    const [sent] = out.results[0]?.events ?? [];
    const [received] = out.results[1]?.events ?? [];
    expect(sent?.data).toMatchObject({ transferId: 't-1', to: 'b', amount: 400 });
    expect(received?.data).toMatchObject({ transferId: 't-1', from: 'a', amount: 400 });
    // Both events share the transfer as their cause and were recorded by the same append.
    expect(sent?.metadata).toMatchObject({ causationId: 't-1', correlationId: 't-1' });
    expect(sent?.recordedAt).toBe(received?.recordedAt);
    const before = await store.stats();
    expect((await rejection(bank.transfer('a', 'b', 601))).details.reason).toBe('insufficient_funds');
    expect((await rejection(bank.transfer('a', 'zed', 1))).details.reason).toBe('account_not_open');
    expect((await rejection(bank.transfer('a', 'a', 1))).details.reason).toBe('same_account');
    expect((await rejection(bank.transfer('a', 'g', 1))).details.reason).toBe('currency_mismatch');
    expect(await store.stats()).toEqual(before);
  });

  it('a transfer retried with the same transfer id moves the money once', async () => {
    const store = await factory.create();
    const bank = new Bank(store);
    await bank.open('a', 'Ada');
    await bank.open('b', 'Bob');
    await bank.deposit('a', 1_000);
    const first = await bank.transfer('a', 'b', 300, { transferId: 'pay-7' });
    const retry = await bank.transfer('a', 'b', 300, { transferId: 'pay-7' });
    expect(retry.results.map((r) => r.state.balance)).toEqual([700, 300]);
    expect(retry.results.flatMap((r) => r.events.map((e) => e.id))).toEqual(
      first.results.flatMap((r) => r.events.map((e) => e.id)),
    );
    expect((await store.stats()).events).toBe(5n);
  });

  it('keeps money conserved under concurrent transfers (conflicts retried)', async () => {
    const store = await factory.create();
    const bank = new Bank(store, { retry: { maxRetries: 100 } });
    const ids = ['a', 'b', 'c'];
    for (const id of ids) {
      await bank.open(id, id);
      await bank.deposit(id, 1_000);
    }
    const moves = Array.from({ length: 24 }, (_, i) => [ids[i % 3], ids[(i + 1) % 3], 50 + i] as [string, string, number]);
    const results = await Promise.all(moves.map(([from, to, amount]) => bank.transfer(from, to, amount)));
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    const balances = await Promise.all(ids.map((id) => bank.balance(id)));
    expect(balances.reduce((sum, b) => sum + b.balance, 0)).toBe(3_000);
    // Each account sent 8 and received 8 transfers, each once: 3 + 16 events per stream.
    expect(balances.map((b) => b.revision)).toEqual([17n, 17n, 17n]);
  });

  it('answers the balance as of a past time and prints a statement with a running balance', async () => {
    const clock = manualClock();
    const store = await factory.create({ now: clock.now });
    const bank = new Bank(store);
    clock.set('09:00');
    await bank.open('a', 'Ada');
    await bank.open('b', 'Bob');
    clock.set('09:02');
    await bank.deposit('a', 10_000, 'salary');
    clock.set('09:03');
    await bank.transfer('a', 'b', 3_000, { description: 'rent' });
    clock.set('09:04');
    await bank.withdraw('a', 500, 'coffee');
    expect((await bank.balanceAsOf('a', '2026-03-03T09:02:30Z')).balance).toBe(10_000);
    expect((await bank.balanceAsOf('a', '2026-03-03T09:03:00Z')).balance).toBe(7_000);
    expect(await bank.balanceAsOf('a', '2026-03-03T08:00:00Z')).toEqual({ balance: 0, currency: null, revision: undefined });
    const lines = await bank.statement('a');
    expect(lines.map((l) => [l.description, l.amount, l.balance])).toEqual([
      ['account opened for Ada', 0, 0],
      ['salary', 10_000, 10_000],
      ['rent to b', -3_000, 7_000],
      ['coffee', -500, 6_500],
    ]);
    const window = await bank.statement('a', { from: new Date('2026-03-03T09:02:00Z'), to: new Date('2026-03-03T09:03:00Z') });
    expect(window.map((l) => l.revision)).toEqual([1n, 2n]);
  });
});
