// The account decider: commands, events and state of one bank account (stream `account-<id>`), amounts in cents.
import { type Decider, DomainError, type JsonValue } from '@logbook/core';

export type Currency = 'EUR' | 'USD' | 'GBP';

export type AccountCommand =
  | { type: 'OpenAccount'; owner: string; currency?: Currency }
  | { type: 'Deposit'; amount: number; description?: string }
  | { type: 'Withdraw'; amount: number; description?: string };

export type AccountEvent =
  | { type: 'AccountOpened'; data: { owner: string; currency: Currency } }
  | { type: 'MoneyDeposited'; data: { amount: number; description: string } }
  | { type: 'MoneyWithdrawn'; data: { amount: number; description: string } }
  | { type: 'TransferSent'; data: { transferId: string; to: string; amount: number; description: string } }
  | { type: 'TransferReceived'; data: { transferId: string; from: string; amount: number; description: string } };

/** Plain JSON so it can be snapshotted and shown by the UI's time travel. */
export interface AccountState {
  opened: boolean;
  owner: string | null;
  currency: Currency | null;
  /** Cents. */
  balance: number;
  transactions: number;
}

export class InsufficientFunds extends DomainError {
  constructor(balance: number, requested: number) {
    super('insufficient_funds', `balance ${balance} is less than ${requested}`, { balance, requested });
  }
}
export class AccountNotOpen extends DomainError {
  constructor() {
    super('account_not_open', 'the account is not open');
  }
}
export class AccountAlreadyOpen extends DomainError {
  constructor() {
    super('account_already_open', 'the account is already open');
  }
}
export class InvalidAmount extends DomainError {
  constructor(amount: unknown) {
    super('invalid_amount', `amounts are positive whole cents, got ${String(amount)}`, { amount: String(amount) });
  }
}

export const accountStream = (accountId: string): string => `account-${accountId}`;

export function assertAmount(amount: unknown): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) throw new InvalidAmount(amount);
}

export const initialAccountState = (): AccountState => ({
  opened: false,
  owner: null,
  currency: null,
  balance: 0,
  transactions: 0,
});

/** Folds any event of the account stream; unknown types are ignored so older code can read newer streams. */
export function evolveAccount(state: AccountState, event: { type: string; data: JsonValue }): AccountState {
  const e = event as AccountEvent;
  switch (e.type) {
    case 'AccountOpened':
      return { ...state, opened: true, owner: e.data.owner, currency: e.data.currency };
    case 'MoneyDeposited':
    case 'TransferReceived':
      return { ...state, balance: state.balance + e.data.amount, transactions: state.transactions + 1 };
    case 'MoneyWithdrawn':
    case 'TransferSent':
      return { ...state, balance: state.balance - e.data.amount, transactions: state.transactions + 1 };
    default:
      return state;
  }
}

export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  if (command.type === 'OpenAccount') {
    if (state.opened) throw new AccountAlreadyOpen();
    if (typeof command.owner !== 'string' || command.owner.trim() === '') {
      throw new DomainError('invalid_owner', 'an account needs an owner');
    }
    return [{ type: 'AccountOpened', data: { owner: command.owner, currency: command.currency ?? 'EUR' } }];
  }
  if (!state.opened) throw new AccountNotOpen();
  assertAmount(command.amount);
  if (command.type === 'Deposit') {
    return [{ type: 'MoneyDeposited', data: { amount: command.amount, description: command.description ?? 'deposit' } }];
  }
  if (command.amount > state.balance) throw new InsufficientFunds(state.balance, command.amount);
  return [{ type: 'MoneyWithdrawn', data: { amount: command.amount, description: command.description ?? 'withdrawal' } }];
}

/** Snapshots every 100 events; bump `version` whenever AccountState changes shape. */
export const accountDecider: Decider<AccountCommand, AccountState, AccountEvent> = {
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide: decideAccount,
  snapshot: { version: 1, every: 100 },
};
