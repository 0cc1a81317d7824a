// A transfer touches two account streams: decided on both states, appended to both in one atomic append.
import { DomainError } from '@logbook/core';
import { type AccountEvent, type AccountState, AccountNotOpen, InsufficientFunds, assertAmount } from './account.js';

export interface TransferCommand {
  transferId: string;
  from: string;
  to: string;
  amount: number;
  description?: string;
}

export class SameAccount extends DomainError {
  constructor() {
    super('same_account', 'a transfer needs two different accounts');
  }
}

export class CurrencyMismatch extends DomainError {
  constructor(from: string | null, to: string | null) {
    super('currency_mismatch', `cannot transfer ${from} to an account in ${to}`, { from, to });
  }
}

/** Returns [events for the sender, events for the receiver], in the order of the streams handled. */
export function decideTransfer(command: TransferCommand, [from, to]: AccountState[]): [AccountEvent[], AccountEvent[]] {
  if (command.from === command.to) throw new SameAccount();
  if (!from?.opened || !to?.opened) throw new AccountNotOpen();
  assertAmount(command.amount);
  if (from.currency !== to.currency) throw new CurrencyMismatch(from.currency, to.currency);
  if (command.amount > from.balance) throw new InsufficientFunds(from.balance, command.amount);
  const { transferId, amount } = command;
  const description = command.description ?? 'transfer';
  return [
    [{ type: 'TransferSent', data: { transferId, to: command.to, amount, description } }],
    [{ type: 'TransferReceived', data: { transferId, from: command.from, amount, description } }],
  ];
}
