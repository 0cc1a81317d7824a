import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import type { Decider } from '../domain/decider.js';
import { DomainError } from '../domain/domain-error.js';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { deciderSpec, storeSpec } from './index.js';

class Overdrawn extends DomainError {
  constructor(balance: number) {
    super('overdrawn', `balance ${balance} is too low`, { balance });
  }
}

type Ev = { type: 'Deposited' | 'Withdrawn'; data: { amount: number } };
const account: Decider<{ withdraw: number } | { deposit: number }, number, Ev> = {
  initialState: () => 0,
  evolve: (s, e) => (e.type === 'Deposited' ? s + e.data.amount : s - e.data.amount),
  decide: (c, s) => {
    if ('deposit' in c) return c.deposit === 0 ? [] : [{ type: 'Deposited', data: { amount: c.deposit } }];
    if (c.withdraw > s) throw new Overdrawn(s);
    return { events: [{ type: 'Withdrawn', data: { amount: c.withdraw } }], uniques: { claim: [{ scope: 'x', value: 'y' }] } };
  },
};
const dep = (amount: number): Ev => ({ type: 'Deposited', data: { amount } });

describe('deciderSpec (in memory)', () => {
  const spec = deciderSpec(account);

  it('passes on the expected events, decisions and errors', () => {
    spec
      .given([dep(10)])
      .when({ withdraw: 4 })
      .then([{ type: 'Withdrawn', data: { amount: 4 } }]);
    spec
      .given([dep(10)])
      .when({ withdraw: 4 })
      .then({ events: [{ type: 'Withdrawn', data: { amount: 4 } }], uniques: { claim: [{ scope: 'x', value: 'y' }] } });
    spec
      .given([dep(1)])
      .when({ withdraw: 4 })
      .then(Overdrawn);
    spec
      .given([dep(1)])
      .when({ withdraw: 4 })
      .then('overdrawn');
    spec
      .given([dep(1)])
      .when({ withdraw: 4 })
      .then(new Overdrawn(1));
    spec
      .given()
      .when({ withdraw: 1 })
      .thenThrows((e) => e instanceof Overdrawn && e.details.balance === 0);
    spec.given().when({ deposit: 0 }).thenNothing();
  });

  it('fails on other events, an unexpected error, or a missing error', () => {
    expect(() =>
      spec
        .given([dep(10)])
        .when({ withdraw: 4 })
        .then([{ type: 'Withdrawn', data: { amount: 5 } }]),
    ).toThrow(AssertionError);
    expect(() =>
      spec
        .given([dep(1)])
        .when({ withdraw: 4 })
        .then([]),
    ).toThrow(Overdrawn);
    expect(() =>
      spec
        .given([dep(10)])
        .when({ withdraw: 4 })
        .then(Overdrawn),
    ).toThrow(AssertionError);
    expect(() =>
      spec
        .given([dep(1)])
        .when({ withdraw: 4 })
        .then(new Overdrawn(2)),
    ).toThrow(AssertionError);
    expect(() =>
      spec
        .given([dep(1)])
        .when({ withdraw: 4 })
        .then('other_reason'),
    ).toThrow(AssertionError);
  });
});

describe('storeSpec (against a store)', () => {
  it('appends the givens, handles the command and compares what was written', async () => {
    const store = () => new EventStore(new MemoryStore());
    await storeSpec(store(), account)
      .given([dep(10)])
      .when({ withdraw: 4 })
      .then([{ type: 'Withdrawn', data: { amount: 4 } }]);
    await storeSpec(store(), account)
      .given([dep(1)])
      .when({ withdraw: 4 })
      .then(Overdrawn);
    await expect(
      storeSpec(store(), account)
        .given([dep(10)])
        .when({ withdraw: 4 })
        .then(Overdrawn),
    ).rejects.toThrow(AssertionError);
    await expect(
      storeSpec(store(), account)
        .given([dep(10)])
        .when({ withdraw: 4 })
        .then([{ type: 'Withdrawn', data: { amount: 3 } }]),
    ).rejects.toThrow(AssertionError);
  });
});
