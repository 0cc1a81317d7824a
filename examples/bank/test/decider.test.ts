import { deciderSpec, storeSpec } from '@logbook/core/testing';
import { describe, it } from 'vitest';
import { type AccountEvent, AccountAlreadyOpen, AccountNotOpen, InsufficientFunds, accountDecider } from '../src/index.js';
import { STORES } from './stores.js';

const opened: AccountEvent = { type: 'AccountOpened', data: { owner: 'Ada', currency: 'EUR' } };
const deposited = (amount: number): AccountEvent => ({ type: 'MoneyDeposited', data: { amount, description: 'deposit' } });

describe('account decider (given/when/then, in memory)', () => {
  const spec = deciderSpec(accountDecider);

  it('opens an account once', () => {
    spec.given([]).when({ type: 'OpenAccount', owner: 'Ada' }).then([opened]);
    spec.given([opened]).when({ type: 'OpenAccount', owner: 'Ada' }).then(AccountAlreadyOpen);
    spec.given([]).when({ type: 'OpenAccount', owner: ' ' }).then('invalid_owner');
  });

  it('deposits and withdraws whole positive cents on an open account', () => {
    spec
      .given([opened])
      .when({ type: 'Deposit', amount: 500, description: 'salary' })
      .then([{ type: 'MoneyDeposited', data: { amount: 500, description: 'salary' } }]);
    spec.given([]).when({ type: 'Deposit', amount: 500 }).then(AccountNotOpen);
    spec.given([opened]).when({ type: 'Deposit', amount: 1.5 }).then('invalid_amount');
    spec.given([opened]).when({ type: 'Deposit', amount: -3 }).then('invalid_amount');
    spec
      .given([opened, deposited(500)])
      .when({ type: 'Withdraw', amount: 500 })
      .then([{ type: 'MoneyWithdrawn', data: { amount: 500, description: 'withdrawal' } }]);
  });

  it('rejects a withdrawal over the balance with the balance and the amount', () => {
    spec
      .given([opened, deposited(500)])
      .when({ type: 'Withdraw', amount: 501 })
      .thenThrows((e) => e instanceof InsufficientFunds && e.details.balance === 500 && e.details.requested === 501);
  });
});

describe.each(STORES)('account decider against the $name store', (factory) => {
  it('writes the decided events, and nothing on a rejection', async () => {
    const store = await factory.create();
    await storeSpec(store, accountDecider)
      .given([opened, deposited(100)])
      .when({ type: 'Withdraw', amount: 40 })
      .then([{ type: 'MoneyWithdrawn', data: { amount: 40, description: 'withdrawal' } }]);
    await storeSpec(store, accountDecider)
      .given([opened, deposited(100)])
      .when({ type: 'Withdraw', amount: 140 })
      .then(InsufficientFunds);
  });
});
