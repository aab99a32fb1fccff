/**
 * E/M by total practitioner time on the date of the encounter (CPT 2021+ office visit rules): the level whose
 * minimum is met or exceeded, and prolonged service beyond level 5 (CPT 99417, Medicare G2212).
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import type { Evidence } from '../coded-encounter.ts';
import { gatedText, inHistorySection, type NoteContext } from './context.ts';
import { textEvidence } from './note-text.ts';

/** Minimum total minutes, highest level first. 99211 has no time threshold since 2021. */
const NEW_PATIENT_TIMES: readonly [string, number][] = [
  ['99205', 60],
  ['99204', 45],
  ['99203', 30],
  ['99202', 15],
];
const ESTABLISHED_TIMES: readonly [string, number][] = [
  ['99215', 40],
  ['99214', 30],
  ['99213', 20],
  ['99212', 10],
];

export interface DocumentedTime {
  minutes: number;
  evidence: Evidence;
}

export interface TimeFinding {
  time?: DocumentedTime;
  /** Different totals written in the same note: conflicting documentation. */
  conflicting: DocumentedTime[];
}

/**
 * "Total time: 35 minutes", "I spent 45 minutes ...", "total time spent on the date of the encounter was 32
 * minutes", "spent a total of 40 min". A bare duration ("cough for 30 minutes") is never practitioner time.
 */
const TIME_STATEMENTS = [
  /\b(?:total|time spent)\b[^.\n]{0,80}?\b(\d{1,3})\s*(?:minutes|mins?)\b/gi,
  /\bspent\s+(?:a\s+total\s+of\s+|over\s+|more than\s+)?(\d{1,3})\s*(?:minutes|mins?)\b/gi,
];
/**
 * Where each statement's words are (text/keyword-gate.ts; a gate is made from a copy without `g`): a note without
 * them is not scanned.
 */
const TIME_STATEMENT_GATES = TIME_STATEMENTS.map((pattern) => keywordGate(new RegExp(pattern.source, 'i')));
/** Time given to a separately billed service (a procedure, counselling billed apart) is not E/M time. */
const NOT_EM_TIME =
  /\b(observ(?:ed|ation)|monitor(?:ed|ing)|nebuliz|infusion|procedure time|wait(?:ed|ing)|post[- ]injection|psychotherap\w*)\b/i;

/**
 * Time on another date is never counted (CPT 2021: total time on the date of the encounter): "spent 30 minutes
 * yesterday reviewing records", "20 minutes on the phone the day before".
 */
const OTHER_DATE =
  /\b(yesterday|(?:the )?(?:previous|prior|preceding) (?:day|date|evening)|(?:the )?day before|last (?:week|night|visit)|earlier this week|on (?:a |an )?(?:different|separate|another|other|previous|prior|earlier) (?:day|date))\b/i;

/** The clause a time statement belongs to: from its start to the next comma, semicolon, period or line end. */
function clauseOf(text: string, start: number, end: number): string {
  const rest = text.slice(end, end + 120);
  const stop = rest.search(/[,;.\n]/);
  return text.slice(start, end) + (stop === -1 ? rest : rest.slice(0, stop));
}

export function findDocumentedTime(context: NoteContext): TimeFinding {
  const found: DocumentedTime[] = [];
  const { text } = context;
  const gated = gatedText(context);
  for (const [i, pattern] of TIME_STATEMENTS.entries()) {
    if (!gated.mayMatch(TIME_STATEMENT_GATES[i]!)) continue;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      if (inHistorySection(context, start)) continue;
      const lineStart = text.lastIndexOf('\n', start) + 1;
      const lineEnd = text.indexOf('\n', start);
      const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
      if (NOT_EM_TIME.test(line)) continue;
      const end = start + match[0].length;
      if (OTHER_DATE.test(clauseOf(text, start, end))) continue;
      if (found.some((f) => f.evidence.start! <= start && f.evidence.end! >= end)) continue;
      if (found.some((f) => f.evidence.start! < end && start < f.evidence.end!)) continue;
      found.push({ minutes: Number(match[1]), evidence: textEvidence(text, start, end, 'em.time') });
    }
  }
  const structured = context.encounter.totalTimeMinutes;
  if (found.length === 0 && structured !== undefined) {
    return {
      time: { minutes: structured, evidence: { kind: 'field', path: 'totalTimeMinutes', rule: 'em.time' } },
      conflicting: [],
    };
  }
  const distinct = new Set(found.map((f) => f.minutes));
  if (structured !== undefined) distinct.add(structured);
  if (distinct.size > 1) return { conflicting: found };
  return found[0] ? { time: found[0], conflicting: [] } : { conflicting: [] };
}

export function levelFromTime(minutes: number, newPatient: boolean): string | undefined {
  const table = newPatient ? NEW_PATIENT_TIMES : ESTABLISHED_TIMES;
  return table.find(([, minimum]) => minutes >= minimum)?.[0];
}

/**
 * Units of prolonged service for a level-5 visit by time. CPT 99417: each full 15 minutes beyond the level-5
 * minimum (99205 from 75 min, 99215 from 55). Medicare G2212: each full 15 minutes beyond the maximum of the old
 * time range (99205 from 89 min, 99215 from 69).
 */
export function prolongedUnits(
  emCode: string,
  minutes: number,
  medicare: boolean,
): { code: '99417' | 'G2212'; units: number } | undefined {
  if (emCode !== '99205' && emCode !== '99215') return undefined;
  if (medicare) {
    const base = emCode === '99205' ? 74 : 54;
    const units = Math.floor((minutes - base) / 15);
    return units >= 1 ? { code: 'G2212', units } : undefined;
  }
  const base = emCode === '99205' ? 60 : 40;
  const units = Math.floor((minutes - base) / 15);
  return units >= 1 ? { code: '99417', units } : undefined;
}
