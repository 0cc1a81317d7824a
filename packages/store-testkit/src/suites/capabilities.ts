// Capability declarations: what a store says it supports must match what its port offers, and every gap has a reason.
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../context.js';
import { evs } from '../fixtures.js';

export function capabilitiesSuite(ctx: SuiteContext): void {
  describe('capabilities', () => {
    it('declares each capability as supported or with a written reason, matching the port', async () => {
      const port = await ctx.port();
      const objects = {
        notifications: port.onAppend,
        snapshots: port.snapshots,
        uniques: port.uniques,
        transactions: port.transaction && port.documents,
        checkpoints: port.checkpoints,
        leases: port.leases,
      };
      for (const [name, declared] of Object.entries(ctx.capabilities)) {
        const offered = objects[name as keyof typeof objects] !== undefined;
        if (declared === true) expect(offered, `${name} is declared but the port lacks it`).toBe(true);
        else expect(declared.trim().length, `${name} needs a written reason`).toBeGreaterThan(10);
        expect(port.capabilities[name as keyof typeof objects], `${name} flag on the port`).toBe(declared === true);
      }
    });

    it.runIf(ctx.has('notifications'))('notifies listeners after an append commits', async () => {
      const port = await ctx.port();
      const { EventStore } = await import('@logbook/core');
      const store = new EventStore(port);
      let calls = 0;
      const off = port.onAppend?.(() => calls++);
      await store.append('n-1', evs(1));
      for (let i = 0; i < 200 && calls === 0; i++) await new Promise((r) => setTimeout(r, 10));
      off?.();
      expect(calls).toBeGreaterThan(0);
    });

    it.runIf(ctx.has('transactions'))('gives inline hooks the recorded events exactly as reads return them', async () => {
      const port = await ctx.port();
      const { EventStore } = await import('@logbook/core');
      const store = new EventStore(port);
      const seen: unknown[] = [];
      store.use({ inline: (_tx, recorded) => void seen.push(...recorded) });
      await store.append('inline-1', [
        { type: 'A', data: { n: 1 }, metadata: { who: 'ada' } },
        { type: 'B', data: [1, 'two'] },
      ]);
      const read = await store.readStreamToArray('inline-1');
      expect(seen).toEqual(read);
      expect(read.map((e) => e.metadata)).toEqual([{ who: 'ada' }, {}]);
    });

    it('answers ping and reports stats of an empty store', async () => {
      const port = await ctx.port();
      await expect(port.ping()).resolves.toBeUndefined();
      expect(await port.stats()).toEqual({ events: 0n, streams: 0n, head: '0' });
      expect(await port.headPosition()).toBe('0');
    });
  });
}
