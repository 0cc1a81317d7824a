// The bank's application service: each operation is one command handled against the account streams.
import { randomUUID } from 'node:crypto';
import {
  type CommandContextInput,
  CommandHandler,
  type CommandHandlerOptions,
  type EventStore,
  type HandleOptions,
  stateAsOf,
  streamHistory,
} from '@logbook/core';
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type Currency,
  accountDecider,
  accountStream,
} from './account.js';
import { decideTransfer } from './transfer.js';

export interface StatementLine {
  revision: bigint;
  recordedAt: string;
  type: string;
  description: string;
  /** Signed cents: money in is positive. */
  amount: number;
  /** Running balance after this line, in cents. */
  balance: number;
}

export interface TransferOptions extends CommandContextInput {
  /** Default a random UUID; also the command id (the causation id of both events). */
  transferId?: string;
  description?: string;
}

export interface Balance {
  balance: number;
  currency: Currency | null;
  /** Revision of the last event counted; undefined when the account had no event yet. */
  revision: bigint | undefined;
}

const signedAmount = (e: AccountEvent): number => {
  switch (e.type) {
    case 'MoneyDeposited':
    case 'TransferReceived':
      return e.data.amount;
    case 'MoneyWithdrawn':
    case 'TransferSent':
      return -e.data.amount;
    default:
      return 0;
  }
};

const describeEvent = (e: AccountEvent): string => {
  switch (e.type) {
    case 'AccountOpened':
      return `account opened for ${e.data.owner}`;
    case 'TransferSent':
      return `${e.data.description} to ${e.data.to}`;
    case 'TransferReceived':
      return `${e.data.description} from ${e.data.from}`;
    default:
      return e.data.description;
  }
};

export class Bank {
  readonly accounts: CommandHandler<AccountCommand, AccountState, AccountEvent>;

  constructor(
    readonly store: EventStore,
    options: CommandHandlerOptions = {},
  ) {
    this.accounts = new CommandHandler(store, accountDecider, options);
  }

  open(accountId: string, owner: string, currency: Currency = 'EUR', options?: HandleOptions) {
    return this.accounts.handle(accountStream(accountId), { type: 'OpenAccount', owner, currency }, options);
  }

  deposit(accountId: string, amount: number, description?: string, options?: HandleOptions) {
    return this.accounts.handle(accountStream(accountId), { type: 'Deposit', amount, description }, options);
  }

  withdraw(accountId: string, amount: number, description?: string, options?: HandleOptions) {
    return this.accounts.handle(accountStream(accountId), { type: 'Withdraw', amount, description }, options);
  }

  /** Moves money between two accounts in one atomic two-stream append; both streams' revisions are checked. */
  transfer(from: string, to: string, amount: number, options: TransferOptions = {}) {
    const { transferId = randomUUID(), description, ...context } = options;
    const command = { transferId, from, to, amount, description };
    return this.accounts.handleMany([accountStream(from), accountStream(to)], command, decideTransfer, {
      ...context,
      commandId: context.commandId ?? transferId,
    });
  }

  async balance(accountId: string): Promise<Balance> {
    const { state, revision } = await this.accounts.load(accountStream(accountId));
    return { balance: state.balance, currency: state.currency, revision };
  }

  /** "The balance at 3 pm last Tuesday": every event recorded at or before `at`. */
  async balanceAsOf(accountId: string, at: Date | string): Promise<Balance> {
    const { state, revision } = await stateAsOf(this.store, accountStream(accountId), accountDecider, at);
    return { balance: state.balance, currency: state.currency, revision };
  }

  /** Every line of the account with its running balance, optionally limited to a time window. */
  async statement(accountId: string, window: { from?: Date; to?: Date } = {}): Promise<StatementLine[]> {
    const lines: StatementLine[] = [];
    for await (const { event, state } of streamHistory(this.store, accountStream(accountId), accountDecider)) {
      const at = Date.parse(event.recordedAt);
      if (window.from && at < window.from.getTime()) continue;
      if (window.to && at > window.to.getTime()) break;
      const e = event as unknown as AccountEvent;
      lines.push({
        revision: event.revision,
        recordedAt: event.recordedAt,
        type: event.type,
        description: describeEvent(e),
        amount: signedAmount(e),
        balance: state.balance,
      });
    }
    return lines;
  }
}

/** 123456 -> "1,234.56 EUR" */
export function formatMoney(cents: number, currency: string | null = 'EUR'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${units}.${String(abs % 100).padStart(2, '0')}${currency ? ` ${currency}` : ''}`;
}
