/**
 * NCCI practitioner edits: procedure-to-procedure pairs on the same date of service (modifier indicators 0, 1, 9),
 * medically unlikely edits per line (adjudication indicator 1) and per date of service (2 and 3). Every lookup is
 * a keyed search in the compiled tables (core/codesets), never a scan.
 */
import type { EditHit, ScrubContext, SyncEditDefinition } from '../edit.ts';
import { bypassesPtpEdit, isEvaluationAndManagement, isSurgicalProcedure } from '../procedure-classes.ts';

const PTP_SOURCE = 'CMS NCCI practitioner PTP edits (quarterly table, release in effect on the date of service)';
const MUE_SOURCE = 'CMS practitioner services MUE table (release in effect on the date of service)';

interface DatedLine {
  index: number;
  code: string;
  modifiers: readonly string[];
  units: number;
  date: string;
}

function datedLines(context: ScrubContext): DatedLine[] {
  const out: DatedLine[] = [];
  for (const [index, line] of context.claim.lines.entries()) {
    const date = context.lineDates[index] ?? context.firstDate;
    if (date !== undefined) out.push({ index, code: line.code, modifiers: line.modifiers, units: line.units, date });
  }
  return out;
}

/**
 * Each line whose code the PTP table pairs with another code billed the same date, with the table's answer and the
 * first line of the other code. Lines are grouped by date and code first, so the table is asked once per pair of
 * distinct codes on a date: a claim of thousands of lines repeating a few codes costs a few lookups, not one per
 * pair of lines (which made 40,000 lines take minutes).
 */
function ptpPairs(context: ScrubContext) {
  const ncci = context.lookups.ncci;
  const byDate = new Map<string, Map<string, DatedLine[]>>();
  for (const line of datedLines(context)) {
    const codes = byDate.get(line.date) ?? new Map<string, DatedLine[]>();
    byDate.set(line.date, codes);
    const same = codes.get(line.code);
    if (same) same.push(line);
    else codes.set(line.code, [line]);
  }
  const pairs = [];
  for (const [date, codes] of byDate) {
    const distinct = [...codes.keys()];
    for (let i = 0; i < distinct.length; i += 1) {
      for (let j = i + 1; j < distinct.length; j += 1) {
        const edit = ncci.ptp(distinct[i]!, distinct[j]!, date);
        if (!edit || edit.modifierIndicator === '9') continue;
        const [code1, code2] =
          edit.column1 === distinct[i] ? [distinct[i]!, distinct[j]!] : [distinct[j]!, distinct[i]!];
        const column1 = codes.get(code1)![0]!;
        for (const column2 of codes.get(code2)!) pairs.push({ edit, column1, column2 });
      }
    }
  }
  return pairs.sort((a, b) => a.column2.index - b.column2.index || a.column1.index - b.column1.index);
}

export const ptpNotAllowed: SyncEditDefinition = {
  id: 'NCCI-PTP-NOT-ALLOWED',
  category: 'ncci',
  severity: 'error',
  owner: 'CODER',
  checks:
    'No two lines on the same date form an NCCI PTP pair with modifier indicator 0 (never billed together, no modifier helps).',
  source: PTP_SOURCE,
  example: '93000 (complete ECG) with 93005 (tracing only) on the same day.',
  check(context) {
    return ptpPairs(context)
      .filter(({ edit }) => edit.modifierIndicator === '0')
      .map(
        ({ edit, column1, column2 }): EditHit => ({
          message: `${column2.code} is bundled into ${column1.code} on ${column1.date} and is never paid separately (NCCI PTP, modifier indicator 0: ${edit.rationale}).`,
          field: `lines[${column2.index}].code`,
          suggestedFix: `Remove ${column2.code}; its payment is included in ${column1.code}.`,
          source: `CMS NCCI practitioner PTP edits, ${edit.release} (${column1.code}/${column2.code} effective ${edit.effective})`,
        }),
      );
  },
};

export const ptpModifierRequired: SyncEditDefinition = {
  id: 'NCCI-PTP-MODIFIER-REQUIRED',
  category: 'ncci',
  severity: 'error',
  owner: 'CODER',
  checks:
    'An NCCI PTP pair with modifier indicator 1 on the same date carries an NCCI-associated modifier on the column-2 line (59, XE/XS/XP/XU, anatomic modifiers; 25 or 57 on an E/M).',
  source: PTP_SOURCE,
  example: '20610 with 20550 on the same day, and no 59/XS on 20550.',
  check(context) {
    return ptpPairs(context)
      .filter(
        ({ edit, column1, column2 }) =>
          edit.modifierIndicator === '1' &&
          !bypassesPtpEdit(column2.code, column2.modifiers) &&
          // An E/M bundled into a same-day procedure is EM-MODIFIER-25-MISSING's finding; one problem, one finding.
          !(isEvaluationAndManagement(column2.code) && isSurgicalProcedure(column1.code)),
      )
      .map(
        ({ edit, column1, column2 }): EditHit => ({
          message: `${column2.code} is bundled into ${column1.code} on ${column1.date} unless a modifier shows a distinct service (NCCI PTP, modifier indicator 1: ${edit.rationale}).`,
          field: `lines[${column2.index}].modifiers`,
          suggestedFix: `If the documentation supports a separate service (different site, session or encounter), add 59 or XE/XS/XP/XU${/^99/.test(column2.code) ? ' (25 for an E/M)' : ''} to ${column2.code}; otherwise remove it.`,
          source: `CMS NCCI practitioner PTP edits, ${edit.release} (${column1.code}/${column2.code} effective ${edit.effective})`,
        }),
      );
  },
};

export const mueLine: SyncEditDefinition = {
  id: 'NCCI-MUE-LINE',
  category: 'ncci',
  severity: 'error',
  owner: 'CODER',
  checks: 'Units on one line do not exceed the code’s MUE value where the adjudication indicator is 1 (line edit).',
  source: MUE_SOURCE,
  example: 'A4206 with 150 units on one line (MUE 100, line edit).',
  check(context) {
    const ncci = context.lookups.ncci;
    return datedLines(context).flatMap((line): EditHit[] => {
      const mue = ncci.mue(line.code, line.date);
      if (mue?.indicator !== '1' || line.units <= mue.value) return [];
      return [
        {
          message: `${line.code} is billed with ${line.units} units on one line; the most Medicare allows per line is ${mue.value} (MUE, ${mue.indicatorText}).`,
          field: `lines[${line.index}].units`,
          suggestedFix: `Bill at most ${mue.value} units per line; report additional medically necessary units on separate lines with an appropriate modifier (e.g. 76, 91, 59).`,
          source: `CMS practitioner MUE table, ${mue.release} (${mue.rationale})`,
        },
      ];
    });
  },
};

export const mueDateOfService: SyncEditDefinition = {
  id: 'NCCI-MUE-DATE-OF-SERVICE',
  category: 'ncci',
  severity: 'error',
  owner: 'CODER',
  checks:
    'Units of a code summed over every line of the same date do not exceed its MUE value where the adjudication indicator is 2 (policy) or 3 (clinical).',
  source: MUE_SOURCE,
  example: '96372 billed 3 units on one line and 2 on another the same day (MUE 4, date of service edit).',
  check(context) {
    const ncci = context.lookups.ncci;
    const totals = new Map<string, { code: string; date: string; units: number; firstIndex: number }>();
    for (const line of datedLines(context)) {
      const key = `${line.code}|${line.date}`;
      const total = totals.get(key);
      if (total) total.units += line.units;
      else totals.set(key, { code: line.code, date: line.date, units: line.units, firstIndex: line.index });
    }
    const hits: EditHit[] = [];
    for (const { code, date, units, firstIndex } of totals.values()) {
      const mue = ncci.mue(code, date);
      if (!mue || mue.indicator === '1' || units <= mue.value) continue;
      const clinical = mue.indicator === '3';
      hits.push({
        message: `${code} totals ${units} units on ${date}; the most allowed per day is ${mue.value} (MUE, ${mue.indicatorText}).`,
        field: `lines[${firstIndex}].units`,
        suggestedFix: clinical
          ? `Reduce to ${mue.value} units, or appeal with documentation of medical necessity (clinical MUE).`
          : `Reduce to ${mue.value} units; a policy MUE is not payable above its value even on appeal.`,
        source: `CMS practitioner MUE table, ${mue.release} (${mue.rationale})`,
      });
    }
    return hits;
  },
};

export const NCCI_EDITS: readonly SyncEditDefinition[] = [
  ptpNotAllowed,
  ptpModifierRequired,
  mueLine,
  mueDateOfService,
];
