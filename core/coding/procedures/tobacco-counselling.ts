/**
 * Smoking and tobacco use cessation counselling (CPT 99406: intermediate, greater than 3 minutes up to 10 minutes;
 * 99407: intensive, greater than 10 minutes), from the minutes written for it. Three minutes or less, or no minutes,
 * is part of the E/M (advice to quit is not this service). An E/M the same day carries modifier 25 when it is
 * separately identifiable (modifiers.ts), which it is when it has problems of its own to level.
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import { gatedText, type NoteContext, serviceSentences } from './context.ts';
import { textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

const CESSATION_COUNSELLING =
  /\b((?:smoking|tobacco|nicotine|cigarette|vaping)(?: use)? cessation (?:counsel\w*|intervention|discussion)|counsel(?:ed|led|ing|ling)? (?:\w+ ){0,4}(?:on|about|regarding|re:?|for) (?:smoking|tobacco|nicotine|vaping)(?: use)?(?: cessation)?|counsel(?:ed|led|ing|ling)? (?:\w+ ){0,4}to (?:quit|stop) (?:smoking|tobacco|vaping))\b/i;
const CESSATION_GATE = keywordGate(CESSATION_COUNSELLING);
/** Minutes written for the counselling: "6 minutes", "> 3 min", "for 12 mins", "8-minute". */
const MINUTES = /(>|greater than|more than|over)?\s*\b(\d{1,2})\s*[- ]?(?:minutes?|mins?)\b/i;
const NOT_DONE = /\b(declined|refused|not interested|deferred|next visit|will (?:discuss|counsel))\b/i;

export function tobaccoCounsellingLines(context: NoteContext): ProposedLine[] {
  const gated = gatedText(context);
  for (const sentence of serviceSentences(context)) {
    if (!gated.test(CESSATION_GATE, sentence) || NOT_DONE.test(sentence.text)) continue;
    const minutes = MINUTES.exec(sentence.text);
    if (!minutes) continue;
    const n = Number(minutes[2]);
    const moreThan = minutes[1] !== undefined;
    // "> 3 min" is more than three; "3 minutes" is not.
    if (n < 3 || (n === 3 && !moreThan)) continue;
    const code = n > 10 || (n === 10 && moreThan) ? '99407' : '99406';
    return [
      {
        code,
        system: 'CPT',
        units: 1,
        modifiers: [],
        kind: 'counselling',
        confidence: 0.9,
        evidence: [textEvidence(context.text, sentence.start, sentence.end, `counselling.tobacco.${code}`)],
        relevantDiagnoses: ['F17', 'Z72.0', 'O99.33', 'Z87.891'],
        anchor: { start: sentence.start, end: sentence.end },
      },
    ];
  }
  return [];
}
