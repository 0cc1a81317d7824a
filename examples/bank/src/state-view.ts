// The read-only face of the bank for tools (server time travel, UI): how an `account` stream folds into state.
import { type AccountState, evolveAccount, initialAccountState } from './account.js';

/** initialState + evolve for streams of category `account`; evolve accepts any recorded event. */
export const accountStateView = {
  category: 'account',
  initialState: initialAccountState,
  evolve: evolveAccount,
} as const satisfies {
  category: string;
  initialState: () => AccountState;
  evolve: typeof evolveAccount;
};

/** Views by stream category, in the shape the server's `views` option takes. */
export const bankViews = { account: accountStateView };
