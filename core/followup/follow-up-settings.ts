/** The follow-up days that apply to one payer's claims: its own overrides over the practice-wide defaults. */
import { FOLLOW_UP_DEFAULTS } from '#core/config/follow-up-config';
import { type PracticeConfig, payerById } from '#core/config/practice-config';

export interface PayerFollowUpSettings {
  acknowledgmentDays: number;
  paymentDays: number;
  timelyFilingDays: number;
  timelyFilingWarningDays: number;
  /** Whether the payer is configured (its timely-filing limit known rather than assumed). */
  configured: boolean;
}

export function followUpSettingsFor(config: PracticeConfig, payerId: string | undefined): PayerFollowUpSettings {
  const defaults = { ...FOLLOW_UP_DEFAULTS, ...config.followUp };
  const payer = payerById(config, payerId);
  return {
    acknowledgmentDays: payer?.followUp?.acknowledgmentDays ?? defaults.acknowledgmentDays,
    paymentDays: payer?.followUp?.paymentDays ?? defaults.paymentDays,
    timelyFilingDays: payer?.timelyFilingDays ?? defaults.unknownPayerTimelyFilingDays,
    timelyFilingWarningDays: payer?.followUp?.timelyFilingWarningDays ?? defaults.timelyFilingWarningDays,
    configured: payer !== undefined,
  };
}

/** The settings of every configured payer and of an unknown one: the bounds a query window must cover. */
export function allFollowUpSettings(config: PracticeConfig): PayerFollowUpSettings[] {
  return [...config.payers.map((p) => followUpSettingsFor(config, p.payerId)), followUpSettingsFor(config, undefined)];
}
