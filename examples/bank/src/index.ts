// @logbook/example-bank: the bank ledger built on Logbook's command side (seed 003's ledger).
export {
  AccountAlreadyOpen,
  AccountNotOpen,
  InsufficientFunds,
  InvalidAmount,
  accountDecider,
  accountStream,
  decideAccount,
  evolveAccount,
  initialAccountState,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type Currency,
} from './account.js';
export { CurrencyMismatch, SameAccount, decideTransfer, type TransferCommand } from './transfer.js';
export { Bank, formatMoney, type Balance, type StatementLine, type TransferOptions } from './bank.js';
export { accountStateView, bankViews } from './state-view.js';
export { DEMO_ACCOUNTS, seedDemoData, type SeedResult } from './seed.js';
export { bankUpcasters } from './upcasters.js';
