/**
 * Psychotherapy by the minutes written for it: with an E/M the same day the add-on codes (90833 from 16 minutes,
 * 90836 from 38, 90838 from 53), never the standalone codes; without an E/M 90832 / 90834 / 90837 at the same
 * thresholds. Under 16 minutes nothing is reported. Psychotherapy time is never E/M time (em-time.ts), and an E/M
 * is billed beside it only for medical decision making of its own: prescription drug management.
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import { doneSentences, gatedText, type NoteContext } from './context.ts';
import { type Span, textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

const PSYCHOTHERAPY =
  /\b(psychotherapy|supportive therapy|cognitive[- ]behavio(?:u)?ral therapy|cbt|interpersonal therapy|dialectical behavio(?:u)?r(?:al)? therapy|dbt)\b/i;
const MINUTES = /\b(\d{1,3})\s*(?:minutes|mins?)\b/i;
/** Runs only in sentences holding one of its words (text/keyword-gate.ts). */
const PSYCHOTHERAPY_GATE = keywordGate(PSYCHOTHERAPY);

/** Minimum minutes, highest first: [minimum, with an E/M (add-on), alone]. */
const BANDS: readonly (readonly [number, string, string])[] = [
  [53, '90838', '90837'],
  [38, '90836', '90834'],
  [16, '90833', '90832'],
];

export interface Psychotherapy {
  minutes: number;
  sentence: Span;
}

/** The psychotherapy sentence with its minutes ("Supportive psychotherapy for 30 minutes focused on ..."). */
export function findPsychotherapy(context: NoteContext): Psychotherapy | undefined {
  const gated = gatedText(context);
  for (const sentence of doneSentences(context)) {
    if (!gated.test(PSYCHOTHERAPY_GATE, sentence)) continue;
    const minutes = MINUTES.exec(sentence.text);
    if (minutes) return { minutes: Number(minutes[1]), sentence };
  }
  return undefined;
}

export function psychotherapyLine(
  context: NoteContext,
  found: Psychotherapy,
  withEm: boolean,
): ProposedLine | undefined {
  const band = BANDS.find(([minimum]) => found.minutes >= minimum);
  if (!band) return undefined;
  const code = withEm ? band[1] : band[2];
  const { sentence } = found;
  return {
    code,
    system: 'CPT',
    units: 1,
    modifiers: [],
    kind: 'psychotherapy',
    confidence: 0.9,
    evidence: [
      textEvidence(context.text, sentence.start, sentence.end, withEm ? 'psychotherapy.add-on' : 'psychotherapy'),
    ],
    relevantDiagnoses: ['F'],
    anchor: { start: sentence.start, end: sentence.end },
  };
}
