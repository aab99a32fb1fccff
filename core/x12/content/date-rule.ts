/**
 * Dates that cannot be what they claim: a D8 date (CCYYMMDD) that is not a day of the calendar (20260230), an RD8
 * range (CCYYMMDD-CCYYMMDD) that ends before it starts, a DT date-time whose time is not a time of day, or a year
 * outside a plausible window (composite-qualifiers.json `plausibleYears`, 1900-2099: no patient now living was born
 * before, and nothing is billed for the next century; X12 itself only says CCYY). Checked wherever the sets we read
 * carry a date: DTP (by its DTP02 format), DMG02 (D8), DTM02 (and DTM06 by DTM05), BHT04, BPR16, PLB02, STC02, and
 * the dated HI composites of an 837I (HIxx-3 format, HIxx-4 date). Messages name the element, never the date (a
 * birth or service date is patient data).
 */
import { isCalendarDate } from '#core/kernel/calendar-date';
import type { Segment } from '../segment.ts';
import { makeIssue, type X12Issue } from '../x12-error.ts';
import { compositeQualifiers } from './composite-qualifiers.ts';
import type { Rule } from './rule.ts';

/** Elements that are always a CCYYMMDD date when present, by segment id. */
const PLAIN_DATES: Readonly<Record<string, readonly number[]>> = {
  BHT: [4],
  BPR: [16],
  PLB: [2],
  STC: [2],
};

export class DateRule implements Rule {
  push(segment: Segment, issues: X12Issue[]): void {
    switch (segment.id) {
      case 'DTP':
        checkFormatted(segment.element(2), segment.element(3), 'DTP03', segment, issues);
        return;
      case 'DMG':
        if (segment.element(1) === 'D8') checkFormatted('D8', segment.element(2), 'DMG02', segment, issues);
        return;
      case 'DTM':
        checkFormatted('D8', segment.element(2), 'DTM02', segment, issues);
        checkFormatted(segment.element(5), segment.element(6), 'DTM06', segment, issues);
        return;
      case 'HI':
        for (let n = 1; n < segment.elements.length; n++) {
          const format = segment.component(n, 3);
          if (format === 'D8' || format === 'RD8' || format === 'DT')
            checkFormatted(format, segment.component(n, 4), `HI${String(n).padStart(2, '0')}-4`, segment, issues);
        }
        return;
      default:
        for (const n of PLAIN_DATES[segment.id] ?? [])
          checkFormatted('D8', segment.element(n), `${segment.id}${String(n).padStart(2, '0')}`, segment, issues);
    }
  }

  finish(): void {}
}

/** Checks `value` in `format` (D8, RD8 or DT; other formats and empty values are left alone). */
function checkFormatted(format: string, value: string, name: string, segment: Segment, issues: X12Issue[]): void {
  if (value === '') return;
  const report = (code: string, detail: string) => issues.push(makeIssue(code, `${name} ${detail}`, segment));
  if (format === 'D8') {
    const problem = dateProblem(value);
    if (problem) report(problem.code, problem.detail('a D8 date (CCYYMMDD)'));
  } else if (format === 'RD8') {
    const [start = '', end = '', ...more] = value.split('-');
    const problem = more.length > 0 ? INVALID : (dateProblem(start) ?? dateProblem(end));
    if (problem) report(problem.code, problem.detail('an RD8 range (CCYYMMDD-CCYYMMDD)'));
    else if (start > end) report('DATE_RANGE_REVERSED', 'is an RD8 range that ends before it starts');
  } else if (format === 'DT') {
    const time = value.slice(8);
    const problem = dateProblem(value.slice(0, 8));
    if (problem || !/^([01]\d|2[0-3])[0-5]\d$/.test(time))
      report((problem ?? INVALID).code, (problem ?? INVALID).detail('a DT date and time (CCYYMMDDHHMM)'));
  }
}

interface DateProblem {
  code: string;
  detail(form: string): string;
}

const INVALID: DateProblem = { code: 'DATE_INVALID', detail: (form) => `is not ${form} of the calendar` };

function dateProblem(value: string): DateProblem | undefined {
  if (!/^\d{8}$/.test(value) || !isCalendarDate(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}`))
    return INVALID;
  const { from, to } = compositeQualifiers().plausibleYears;
  const year = Number(value.slice(0, 4));
  if (year < from || year > to)
    return { code: 'DATE_IMPLAUSIBLE', detail: (form) => `is ${form} whose year is outside ${from}-${to}` };
  return undefined;
}
