/**
 * What a claim asks the payer to pay for, as one comparable text: the subscriber, payer and providers it names, the
 * place of service and authorization, each diagnosis in order and each line's code, modifiers, units, charge,
 * pointers and date. Two claims with the same billed content are the same bill, however their documents were worded
 * (a re-export of a note, a typo fixed in the narrative): replacing a paid claim with an identical one would only
 * make the payer take its payment back and pay it again.
 */
import type { Claim } from './claim.ts';

export function billedContent(claim: Claim): string {
  return JSON.stringify([
    claim.payer.payerId,
    claim.subscriber.memberId ?? '',
    claim.patient.birthDate ?? '',
    claim.billingProvider.npi ?? '',
    claim.renderingProvider?.npi ?? '',
    claim.referringProvider?.npi ?? '',
    claim.placeOfService,
    claim.priorAuthorization ?? '',
    claim.diagnoses.map((d) => d.code),
    claim.lines.map((l) => [
      l.code,
      [...l.modifiers].sort(),
      l.units,
      l.chargeCents,
      l.diagnosisPointers,
      l.serviceDate ?? '',
      l.serviceDateEnd ?? '',
    ]),
  ]);
}

export function billsTheSame(a: Claim, b: Claim): boolean {
  return billedContent(a) === billedContent(b);
}
