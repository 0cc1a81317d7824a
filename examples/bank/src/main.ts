// The narrated bank demo (`npm run example:bank`): every command-side feature, step by step, on SQLite.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, isDomainError, sleep, useMetadata } from '@logbook/core';
import { createSqliteStore } from '@logbook/store-sqlite';
import { accountDecider, accountStream } from './account.js';
import { Bank, formatMoney } from './bank.js';
import { seedDemoData } from './seed.js';

const say = (text: string) => console.log(`\n${text}`);
const eur = (cents: number) => formatMoney(cents, 'EUR');

async function main(): Promise<void> {
  // BANK_DB keeps the database between runs; by default the demo uses a throw-away file.
  const dir = process.env.BANK_DB ? undefined : mkdtempSync(join(tmpdir(), 'logbook-bank-'));
  const path = process.env.BANK_DB ?? join(dir as string, 'bank.db');
  const store = new EventStore(await createSqliteStore({ path }));
  // Every event gets correlation/causation ids plus who and where it came from.
  useMetadata(store, { appVersion: '0.1.0', host: true, pid: true, userId: 'bank-demo' });
  const bank = new Bank(store);
  const run = Date.now().toString(36);
  const ada = `ada-${run}`;
  const grace = `grace-${run}`;
  try {
    say(`Logbook bank ledger demo, SQLite database at ${path}`);

    say('1. Open two accounts. Each account is a stream; opening it appends AccountOpened with expected revision no_stream.');
    await bank.open(ada, 'Ada Lovelace');
    await bank.open(grace, 'Grace Hopper');
    console.log(`   streams ${accountStream(ada)} and ${accountStream(grace)} created`);

    say('2. Ada deposits 1,000.00 EUR. The handler loads her state, decides, appends at the loaded revision.');
    const dep = await bank.deposit(ada, 100_000, 'salary');
    console.log(`   revision ${dep.revision}, balance ${eur(dep.state.balance)}`);

    say('3. Ada tries to withdraw 5,000.00 EUR. The decider rejects it with a typed domain error; nothing is written.');
    const before = (await store.stats()).events;
    try {
      await bank.withdraw(ada, 500_000, 'a yacht');
    } catch (e) {
      if (!isDomainError(e, 'insufficient_funds')) throw e;
      console.log(
        `   rejected: ${e.reason} (${e.message}); events in store before ${before}, after ${(await store.stats()).events}`,
      );
    }

    say('4. Ada transfers 250.00 EUR to Grace: one atomic append to two streams, both revisions checked.');
    const transferId = randomUUID();
    const t = await bank.transfer(ada, grace, 25_000, { transferId, description: 'birthday present' });
    for (const r of t.results) console.log(`   ${r.streamId} -> revision ${r.revision}, balance ${eur(r.state.balance)}`);
    const [sent] = t.results[0]?.events ?? [];
    console.log(`   metadata: correlationId ${sent?.metadata.correlationId}, causationId ${sent?.metadata.causationId}`);
    console.log(`             userId ${sent?.metadata.userId}, host ${sent?.metadata.host}, pid ${sent?.metadata.pid}`);
    // The transfer id is the command id: the events' ids derive from it, so a client's retry cannot pay twice.
    const retry = await bank.transfer(ada, grace, 25_000, { transferId, description: 'birthday present' });
    const balances = retry.results.map((r) => eur(r.state.balance)).join(' / ');
    console.log(`   sent again with the same transfer id (a client retry): acknowledged, balances still ${balances}`);

    say("5. Eight deposits race on Ada's account. Conflicts (wrong_expected_revision) are retried with jittered back-off.");
    const raced = await Promise.all(Array.from({ length: 8 }, (_, i) => bank.deposit(ada, 100 * (i + 1), `tip ${i + 1}`)));
    const retries = raced.reduce((n, r) => n + r.attempts - 1, 0);
    console.log(`   8 deposits landed at revisions ${raced.map((r) => r.revision).join(', ')}; ${retries} conflicts retried`);

    say('6. Time travel: note the time, keep banking, then ask for the balance as it was.');
    const checkpoint = new Date();
    const then = await bank.balance(ada);
    await sleep(20);
    await bank.withdraw(ada, 12_345, 'rent');
    await bank.transfer(grace, ada, 5_000, { description: 'half the cake' });
    const now = await bank.balance(ada);
    const asOf = await bank.balanceAsOf(ada, checkpoint);
    console.log(`   balance at ${checkpoint.toISOString()}: ${eur(asOf.balance)} (revision ${asOf.revision})`);
    console.log(`   balance now: ${eur(now.balance)} (revision ${now.revision}); at the checkpoint it was ${eur(then.balance)}`);

    say("7. Ada's statement, with a running balance (the history of the stream with the state after each event):");
    for (const line of await bank.statement(ada)) {
      const amount = line.amount === 0 ? '' : eur(line.amount);
      console.log(
        `   #${String(line.revision).padStart(2)} ${line.recordedAt.slice(11, 23)}  ${line.description.padEnd(34)} ${amount.padStart(14)} ${eur(line.balance).padStart(14)}`,
      );
    }

    say('8. Snapshots: the account decider snapshots every 100 events; one can also be taken on demand.');
    const snapRevision = await bank.accounts.snapshot(accountStream(ada));
    const loaded = await bank.accounts.load(accountStream(ada));
    console.log(
      `   snapshot at revision ${snapRevision}; loading read ${loaded.eventsRead} events after it (schema version ${accountDecider.snapshot?.version})`,
    );

    say('9. Demo data (what `npm start` seeds): a few accounts and a few hundred events, idempotent.');
    const seeded = await seedDemoData(store);
    const again = await seedDemoData(store);
    console.log(`   seeded ${seeded.events} events over ${seeded.accounts.join(', ')}; a second run seeded: ${again.seeded}`);
    for (const id of seeded.accounts) console.log(`   ${id.padEnd(6)} ${eur((await bank.balance(id)).balance).padStart(14)}`);
    const stats = await store.stats();
    say(`Done: ${stats.events} events in ${stats.streams} streams.`);
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
