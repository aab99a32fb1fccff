import { describe, expect, it } from 'vitest';
import { settleClearinghouse } from '#local/cli/settle-clearinghouse';
import type { OwedReport } from '#local/sandbox/sandbox';

/** A sandbox that owes acknowledgments until `ackDueAt`, then payments until a cycle runs and its 835 is delivered. */
function fakeCycle({ ackDueAt, payments, failing = false }: { ackDueAt: number; payments: number; failing?: boolean }) {
  let now = 0;
  /** How far the payer's calendar was skipped ahead of the wall clock. */
  let ahead = 0;
  let slept = 0;
  let pendingPayments = payments;
  let pendingDeliveries = 0;
  let cycles = 0;
  const owed = (): OwedReport => {
    const scheduledAcknowledgments = now + ahead < ackDueAt ? 1 : 0;
    const settled = scheduledAcknowledgments + pendingPayments + pendingDeliveries === 0;
    return {
      settled,
      delivered: settled && !failing,
      scheduledAcknowledgments,
      pendingPayments,
      pendingProviderAdjustments: 0,
      pendingDeliveries,
      failedDeliveries: failing ? 1 : 0,
      ...(scheduledAcknowledgments > 0 ? { nextDueAt: new Date(ackDueAt).toISOString() } : {}),
    };
  };
  return {
    get cycles() {
      return cycles;
    },
    get slept() {
      return slept;
    },
    skipTo: (instantMs: number) => {
      ahead = Math.max(ahead, instantMs - now);
    },
    ports: {
      sandbox: {
        owed,
        runPaymentCycle: () => {
          cycles += 1;
          if (pendingPayments > 0) pendingDeliveries = 1;
          pendingPayments = 0;
        },
      },
      // Draining the stack is where deliveries are taken up: one drain delivers what is pending.
      waitUntilDrained: async () => {
        now += 100;
        pendingDeliveries = 0;
      },
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
        slept += ms;
      },
    },
  };
}

describe('settleClearinghouse (npm start -- --once)', () => {
  it('waits for acknowledgments as they fall due, then asks for one payment cycle and ends when nothing is owed', async () => {
    const cycle = fakeCycle({ ackDueAt: 5_000, payments: 3 });
    const result = await settleClearinghouse(cycle.ports, 60_000);
    expect(result.settled).toBe(true);
    expect(result.owed.delivered).toBe(true);
    expect(result.paymentCyclesRun).toBe(1);
    expect(cycle.cycles).toBe(1);
  });

  it('never runs a payment cycle while an acknowledgment is still due (a payment before its 277CA is not the demo)', async () => {
    const cycle = fakeCycle({ ackDueAt: 1_000_000, payments: 2 });
    const result = await settleClearinghouse(cycle.ports, 10_000);
    expect(result.settled).toBe(false);
    expect(cycle.cycles).toBe(0);
    expect(result.owed.scheduledAcknowledgments).toBe(1);
  });

  it("skips the payer's calendar to the acknowledgment when it may move the payer's clock, instead of sleeping", async () => {
    const waited = fakeCycle({ ackDueAt: 50_000, payments: 1 });
    expect((await settleClearinghouse(waited.ports, 120_000)).settled).toBe(true);
    // Without it the wait is sat through (the drains between sleeps take the rest of it).
    expect(waited.slept).toBeGreaterThan(25_000);

    const skipped = fakeCycle({ ackDueAt: 50_000, payments: 1 });
    const result = await settleClearinghouse({ ...skipped.ports, skipTo: skipped.skipTo }, 120_000);
    expect(result).toMatchObject({ settled: true, paymentCyclesRun: 1 });
    expect(skipped.slept).toBeLessThan(1_000);
  });

  it('reports settled but undelivered when the sandbox gave up on a delivery', async () => {
    const cycle = fakeCycle({ ackDueAt: 0, payments: 0, failing: true });
    const result = await settleClearinghouse(cycle.ports, 10_000);
    expect(result.settled).toBe(true);
    expect(result.owed.delivered).toBe(false);
    expect(result.paymentCyclesRun).toBe(0);
  });
});
