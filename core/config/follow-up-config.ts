/**
 * When a claim deserves a biller's follow-up, as practice configuration: a default for every payer, and per-payer
 * overrides (a payer that pays in 14 days, a clearinghouse that acknowledges the same day). Days are calendar days.
 */
import { z } from 'zod';

const days = z.number().int().positive().max(3650);

/** Per-payer overrides (payers[].followUp); anything left out comes from the practice-wide defaults. */
export const payerFollowUpSchema = z.object({
  /** Days after submission by which a claim acknowledgment (277CA) is expected. */
  acknowledgmentDays: days.optional(),
  /** Days after the payer accepted the claim by which its remittance (835) is expected. */
  paymentDays: days.optional(),
  /** How many days before the timely-filing limit an unsent or unaccepted claim is raised. */
  timelyFilingWarningDays: days.optional(),
});

export const FOLLOW_UP_DEFAULTS = {
  // Clearinghouses return a 277CA within a day or two; five days of silence means the claim may never have arrived.
  acknowledgmentDays: 5,
  // Prompt-pay rules for clean electronic claims are commonly 30 days (some states 15-45).
  paymentDays: 30,
  timelyFilingWarningDays: 30,
  // A payer missing from the configuration: the shortest limit commonly seen (many Medicaid and commercial plans).
  unknownPayerTimelyFilingDays: 90,
  // How many days a biller gets to act on a follow-up (never past the timely-filing limit of a claim not yet accepted).
  dueInDays: 5,
} as const;

/** The practice-wide defaults (followUp); each value defaults to FOLLOW_UP_DEFAULTS. */
export const followUpConfigSchema = z
  .object({
    acknowledgmentDays: days.default(FOLLOW_UP_DEFAULTS.acknowledgmentDays),
    paymentDays: days.default(FOLLOW_UP_DEFAULTS.paymentDays),
    timelyFilingWarningDays: days.default(FOLLOW_UP_DEFAULTS.timelyFilingWarningDays),
    unknownPayerTimelyFilingDays: days.default(FOLLOW_UP_DEFAULTS.unknownPayerTimelyFilingDays),
    dueInDays: days.default(FOLLOW_UP_DEFAULTS.dueInDays),
  })
  .default({ ...FOLLOW_UP_DEFAULTS });

export type FollowUpConfig = z.infer<typeof followUpConfigSchema>;
export type PayerFollowUpConfig = z.infer<typeof payerFollowUpSchema>;
