// Event versioning in the bank: the first release recorded deposits as `DepositMade` with decimal euro strings.
import { Upcasters } from '@logbook/core';

/** DepositMade v1 `{ euros: "12.50", memo? }` becomes MoneyDeposited v2 `{ amount: 1250, description }` on every read. */
export function bankUpcasters(): Upcasters {
  return new Upcasters().register({
    type: 'DepositMade',
    fromVersion: 1,
    toType: 'MoneyDeposited',
    upcast: (data) => {
      const { euros, memo } = data as { euros: string; memo?: string };
      const [units = '0', cents = ''] = euros.split('.');
      return { amount: Number(units) * 100 + Number(cents.padEnd(2, '0').slice(0, 2)), description: memo ?? 'deposit' };
    },
  });
}
