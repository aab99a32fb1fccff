/**
 * Each 835 service payment (SVC) to the line we billed: by the line item control number we sent (REF*6R), else by
 * procedure code (as submitted: SVC06 when the payer restated it) and date of service, preferring the same
 * modifiers, then the same charge. Each of our lines is matched at most once; a payment that matches nothing is
 * kept and reported, never dropped.
 */
import { type CalendarDate, fromCompactDate } from '#core/kernel/calendar-date';
import type { ServiceLinePayment } from '#core/x12/835/remittance';
import type { LineForPosting } from './posting-inputs.ts';

export type LineMatchMethod = 'line_control_number' | 'code_and_date' | 'none';

export interface LineMatch {
  method: LineMatchMethod;
  line?: LineForPosting;
}

export function matchLines(
  payments: readonly ServiceLinePayment[],
  ourLines: readonly LineForPosting[],
  claimServiceDate: CalendarDate | undefined,
): LineMatch[] {
  const taken = new Set<LineForPosting>();
  const byControlNumber = new Map(ourLines.map((line) => [line.controlNumber, line]));
  const matches: LineMatch[] = payments.map(() => ({ method: 'none' }));
  // Control numbers first, for every line, so a code+date guess never steals a line another payment names.
  payments.forEach((payment, index) => {
    const controlNumber = payment.references.find((ref) => ref.qualifier === '6R')?.value;
    const line = controlNumber === undefined ? undefined : byControlNumber.get(controlNumber);
    if (line && !taken.has(line)) {
      taken.add(line);
      matches[index] = { method: 'line_control_number', line };
    }
  });
  payments.forEach((payment, index) => {
    if (matches[index]?.method !== 'none') return;
    const submitted = payment.originalProcedure ?? payment.procedure;
    const date = serviceDateOf(payment) ?? claimServiceDate;
    const candidates = ourLines.filter(
      (line) =>
        !taken.has(line) &&
        line.procedureCode === submitted.code &&
        (date === undefined || line.serviceDate === undefined || line.serviceDate === date),
    );
    const best =
      candidates.find(
        (line) => sameModifiers(line.modifiers, submitted.modifiers) && line.chargeCents === payment.chargeAmount,
      ) ??
      candidates.find((line) => sameModifiers(line.modifiers, submitted.modifiers)) ??
      candidates.find((line) => line.chargeCents === payment.chargeAmount) ??
      candidates[0];
    if (best) {
      taken.add(best);
      matches[index] = { method: 'code_and_date', line: best };
    }
  });
  return matches;
}

/** DTM*472 (service date), else DTM*150 (period start). */
export function serviceDateOf(payment: Pick<ServiceLinePayment, 'dates'>): CalendarDate | undefined {
  const dtm = payment.dates.find((d) => d.qualifier === '472') ?? payment.dates.find((d) => d.qualifier === '150');
  return dtm ? fromCompactDate(dtm.date.slice(0, 8)) : undefined;
}

function sameModifiers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((modifier) => b.includes(modifier));
}
