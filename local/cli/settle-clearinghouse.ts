/**
 * `npm start -- --once` ends when the whole cycle has run, not when intake's queues are empty: the sandbox
 * clearinghouse still owes 999s and 277CAs (due on the payer's clock, at the twin's time scale) and the 835s of the
 * next payment cycle, and every one of them comes back through the webhook API and the remittance queue.
 *
 * Acknowledgments are waited for as they fall due; the payment cycle, which a payer runs every half hour or so, is
 * asked for as soon as no acknowledgment is outstanding, so a demo does not sit through a payer's calendar. Given a
 * payer clock it may move (`skipTo`, a PayerCalendar), it also skips to the next acknowledgment once the stack is idle
 * and nothing is on its way, instead of sleeping until it falls due (tests that prove nothing about when it comes).
 */
import type { PayerCalendar } from '#local/sandbox/payer-calendar';
import type { OwedReport, Sandbox } from '#local/sandbox/sandbox';
import type { LocalTwin } from '#local/twin/twin';

export interface SettlePorts {
  sandbox: Pick<Sandbox, 'owed' | 'runPaymentCycle'>;
  /** Resolves once the stack's queues are empty and no invocation runs; throws past its own deadline. */
  waitUntilDrained: (options: { timeoutMs: number }) => Promise<void>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Moves the payer's clock to an instant (epoch ms); without it acknowledgments are waited for. */
  skipTo?: (instantMs: number) => void;
}

export interface SettleResult {
  settled: boolean;
  paymentCyclesRun: number;
  owed: OwedReport;
}

/**
 * The ports of a running twin and its sandbox clearinghouse, on the wall clock; with the payer's calendar the twin's
 * sandbox runs on (LocalTwinOptions.clearinghouseClock), settling skips to each acknowledgment.
 */
export function twinSettlePorts(
  twin: Pick<LocalTwin, 'clearinghouse' | 'waitUntilDrained'>,
  payerCalendar?: PayerCalendar,
): SettlePorts {
  const { clearinghouse } = twin;
  if (!clearinghouse) throw new Error('the twin runs without its sandbox clearinghouse: there is nothing to settle');
  return {
    sandbox: clearinghouse.sandbox,
    waitUntilDrained: (options) => twin.waitUntilDrained(options),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(payerCalendar ? { skipTo: (instantMs: number) => payerCalendar.skipTo(instantMs) } : {}),
  };
}

export async function settleClearinghouse(ports: SettlePorts, timeoutMs: number): Promise<SettleResult> {
  const deadline = ports.now() + timeoutMs;
  let paymentCyclesRun = 0;
  for (;;) {
    const remaining = deadline - ports.now();
    if (remaining <= 0) return { settled: false, paymentCyclesRun, owed: ports.sandbox.owed() };
    await ports.waitUntilDrained({ timeoutMs: remaining });
    const owed = ports.sandbox.owed();
    if (owed.settled) {
      // The last delivery may have started a chain (webhook → queue → process-remittance): drain once more and
      // look again, so "settled" means the sandbox owes nothing and the stack has applied all of it.
      await ports.waitUntilDrained({ timeoutMs: Math.max(1, deadline - ports.now()) });
      const after = ports.sandbox.owed();
      if (after.settled) return { settled: true, paymentCyclesRun, owed: after };
      continue;
    }
    if (
      owed.scheduledAcknowledgments === 0 &&
      owed.pendingDeliveries === 0 &&
      owed.pendingPayments + owed.pendingProviderAdjustments > 0
    ) {
      ports.sandbox.runPaymentCycle();
      paymentCyclesRun += 1;
    } else if (
      ports.skipTo &&
      owed.scheduledAcknowledgments > 0 &&
      owed.pendingDeliveries === 0 &&
      owed.nextDueAt !== undefined
    ) {
      // The stack is idle and nothing is on its way: only the payer's calendar stands between here and the next file.
      ports.skipTo(Date.parse(owed.nextDueAt));
    }
    await ports.sleep(250);
  }
}
