/**
 * Preventive medicine visits: CPT 99381-99387 (new) and 99391-99397 (established) by age on the date of service;
 * Medicare covers no routine physical, so a Medicare annual wellness visit is G0438 (initial) or G0439 (subsequent).
 */

import { keywordGate } from '#core/coding/text/keyword-gate';
import type { Evidence } from '../coded-encounter.ts';
import { gatedText, type NoteContext } from './context.ts';
import { textEvidence } from './note-text.ts';

const PREVENTIVE =
  /\b(annual (?:physical|exam(?:ination)?|check-?up|preventive|wellness)|well[- ](?:child|baby|woman|adolescent|adult) (?:visit|check|exam)|well[- ]child|wellness (?:visit|exam)|preventive (?:visit|exam|medicine)|routine (?:physical|check-?up|annual)|complete physical|health maintenance (?:exam|visit)|(?:school|sports|camp) physical|annual wellness visit|\bawv\b)\b/i;
/** Runs only on a note holding one of its words (text/keyword-gate.ts). */
const PREVENTIVE_GATE = keywordGate(PREVENTIVE);
const MEDICARE_AWV = /\b(annual wellness visit|awv)\b/i;
const AWV_INITIAL =
  /\b(initial|first)\b[^.\n]{0,30}\b(annual wellness visit|awv)\b|\b(annual wellness visit|awv)\b[^.\n]{0,15}\b(initial|first)\b/i;

/** Age bands, upper bound exclusive, with the new and established codes. */
const AGE_BANDS: readonly [number, string, string][] = [
  [1, '99381', '99391'],
  [5, '99382', '99392'],
  [12, '99383', '99393'],
  [18, '99384', '99394'],
  [40, '99385', '99395'],
  [65, '99386', '99396'],
  [Number.POSITIVE_INFINITY, '99387', '99397'],
];

export interface PreventiveVisit {
  code: string;
  system: 'CPT' | 'HCPCS';
  evidence: Evidence[];
  confidence: number;
  /** Why the code could not be chosen with confidence. */
  problem?: string;
}

/** The preventive statement, looked for in the reason for the visit (or the first lines when there is none). */
export function findPreventiveStatement(context: NoteContext): Evidence | undefined {
  const match = gatedText(context).mayMatch(PREVENTIVE_GATE) ? PREVENTIVE.exec(context.text) : null;
  if (!match) return undefined;
  const before = context.text.slice(Math.max(0, match.index - 40), match.index);
  // "due for her annual physical next month" or "declined" is not this visit.
  if (/\b(due for|next|schedule|declined|last)\b[^.\n]*$/i.test(before)) return undefined;
  return textEvidence(context.text, match.index, match.index + match[0].length, 'preventive.visit');
}

export function preventiveVisit(context: NoteContext, newPatient: boolean, statement: Evidence): PreventiveVisit {
  if (context.medicare && MEDICARE_AWV.test(context.text.slice(statement.start, (statement.end ?? 0) + 20))) {
    const initial = AWV_INITIAL.test(context.text);
    return { code: initial ? 'G0438' : 'G0439', system: 'HCPCS', evidence: [statement], confidence: 0.9 };
  }
  const age = context.ageYears;
  if (age === undefined) {
    return {
      code: newPatient ? '99385' : '99395',
      system: 'CPT',
      evidence: [statement],
      confidence: 0.4,
      problem: 'preventive visit code depends on age: the date of birth is missing',
    };
  }
  const band = AGE_BANDS.find(([upper]) => age < upper)!;
  return {
    code: newPatient ? band[1] : band[2],
    system: 'CPT',
    evidence: [statement, { kind: 'field', path: 'patient.birthDate', rule: 'preventive.age' }],
    confidence: 0.95,
  };
}
