/**
 * How fast the sandbox answers and how it misbehaves. Durations are in payer time (what a real clearinghouse and
 * payer take) and multiplied by the time scale, so `--time-scale 1/60` turns the hour-long payment cycle into a
 * minute and the hours of webhook retries into minutes, as the twin does for AWS timings.
 */
export interface SandboxTiming {
  /** Receipt to 999. */
  acknowledgment999Ms: number;
  /** Receipt to 277CA (the payer's front end). */
  claimAcknowledgmentMs: number;
  /** Between payment cycles (each produces one 835 per payer, payee and submitter with claims to pay). */
  paymentCycleMs: number;
  retry: RetrySchedule;
  /** A webhook receiver that does not answer within this is treated as failed (payer time, not scaled below 1 s). */
  webhookTimeoutMs: number;
}

/** Exponential backoff: attempt n waits firstDelay x factor^(n-1), capped, with +-10% seeded jitter. */
export interface RetrySchedule {
  firstDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** Attempts in all (the first delivery included) before a delivery is marked failed. */
  maxAttempts: number;
}

export interface ChaosSettings {
  /** Probability that a file is delivered a second time (same webhook-id). */
  duplicateRate: number;
  /** Probability that a delivery is held back, so it arrives after files made later. */
  lateRate: number;
  /** Longest hold-back, payer time. */
  maxLateMs: number;
}

export const DEFAULT_TIMING: SandboxTiming = {
  acknowledgment999Ms: 30_000,
  claimAcknowledgmentMs: 10 * 60_000,
  paymentCycleMs: 30 * 60_000,
  // 5 s, 15 s, 45 s, 2 min, 7 min, 20 min, 1 h, 3 h, then every 4 h: about 19 hours before giving up.
  retry: { firstDelayMs: 5_000, factor: 3, maxDelayMs: 4 * 3_600_000, maxAttempts: 12 },
  webhookTimeoutMs: 10_000,
};

export const DEFAULT_CHAOS: ChaosSettings = { duplicateRate: 0.25, lateRate: 0.25, maxLateMs: 20 * 60_000 };

/** Delay before attempt `attempt + 1` after `attempt` failed ones, before jitter and scaling. */
export function backoffDelay(schedule: RetrySchedule, failedAttempts: number): number {
  return Math.min(schedule.maxDelayMs, schedule.firstDelayMs * schedule.factor ** Math.max(0, failedAttempts - 1));
}

/** Parses "1", "0.5" or "1/60". */
export function parseTimeScale(value: string): number {
  const [numerator, denominator] = value.split('/');
  const scale = denominator === undefined ? Number(numerator) : Number(numerator) / Number(denominator);
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`time scale must be a positive number or a fraction, got "${value}"`);
  return scale;
}
