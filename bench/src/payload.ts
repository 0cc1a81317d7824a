// The benchmark's event: a FundsDeposited of about 200 bytes of JSON, the same for every store and library.
export interface BenchEvent {
  type: 'FundsDeposited';
  data: {
    accountId: string;
    amount: number;
    currency: string;
    note: string;
    sentAt: number;
  };
}

const NOTE = 'Monthly salary transfer from employer, reference INV-2026-000123, cleared by the overnight batch.';

/** One event for `streamId`; `sentAt` carries a performance.now() stamp for latency runs (0 otherwise). */
export function depositEvent(streamId: string, n: number, sentAt = 0): BenchEvent {
  return {
    type: 'FundsDeposited',
    data: { accountId: streamId, amount: 100 + (n % 900), currency: 'EUR', note: NOTE, sentAt },
  };
}

export function depositEvents(streamId: string, first: number, count: number): BenchEvent[] {
  const out: BenchEvent[] = [];
  for (let i = 0; i < count; i++) out.push(depositEvent(streamId, first + i));
  return out;
}

/** The fold every W4 subject runs: the account balance. */
export function foldBalance(balance: number, data: unknown): number {
  return balance + ((data as { amount?: number } | null)?.amount ?? 0);
}

/** Serialized size of one event's type + data, to check the payload stays near 200 bytes. */
export function payloadBytes(): number {
  const e = depositEvent('account-000001', 1);
  return Buffer.byteLength(e.type) + Buffer.byteLength(JSON.stringify(e.data));
}
