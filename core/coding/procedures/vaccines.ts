/**
 * Vaccines given at the visit: the product code and the administration. Administration is 90460/90461 for a
 * patient under 19 counselled by the physician (90460 per vaccine, 90461 per additional component), G0008/G0009/
 * G0010 for influenza, pneumococcal and hepatitis B vaccines to Medicare Part B, otherwise 90471 for the first and
 * 90472 for each additional injected vaccine, 90473/90474 for oral and intranasal ones.
 */

import { type KeywordGate, keywordGate } from '#core/coding/text/keyword-gate';
import type { Evidence } from '../coded-encounter.ts';
import { doneSentences, gatedText, type NoteContext } from './context.ts';
import { textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';
import { type Vaccine, vaccines } from './vaccine-data.ts';

export type { Vaccine } from './vaccine-data.ts';

const GIVEN = /\b(given|administered|received|vaccinated|immunized|injected|im|today)\b/i;
const NOT_THIS_VISIT =
  /\b(up to date|utd|last (?:dose|given|one)|previously|prior|in (?:19|20)\d\d|history of|series complete|at (?:the )?pharmacy)\b/i;
/** Face-to-face counselling by the physician (90460); handing out the VIS alone is not counselling. */
const COUNSELLED = /\b(counsel(?:ed|ing|led|ling)|discussed (?:the )?(?:risks|benefits|vaccine))\b/i;
/** Each runs only in sentences holding one of its words (text/keyword-gate.ts). */
const GIVEN_GATE = keywordGate(GIVEN);
const NOT_THIS_VISIT_GATE = keywordGate(NOT_THIS_VISIT);
const COUNSELLED_GATE = keywordGate(COUNSELLED);

let anyVaccine: KeywordGate | undefined;
/** Every product's names as one gate: a sentence naming none of them is not tried product by product. */
function anyVaccineGate(): KeywordGate {
  anyVaccine ??= keywordGate(
    new RegExp(
      vaccines()
        .flatMap((v) => (v.names ? [v.names.source] : []))
        .join('|'),
      'i',
    ),
  );
  return anyVaccine;
}

export function vaccineLines(context: NoteContext): ProposedLine[] {
  const given: { vaccine: Vaccine; start: number; end: number }[] = [];
  const gated = gatedText(context);
  for (const sentence of doneSentences(context)) {
    if (!gated.test(GIVEN_GATE, sentence) || gated.test(NOT_THIS_VISIT_GATE, sentence)) continue;
    if (!gated.mayMatch(anyVaccineGate(), sentence.start, sentence.end)) continue;
    // A sentence may list several vaccines ("Tdap and MMR administered"): take each once, specific products first.
    let rest = sentence.text;
    for (const vaccine of vaccines()) {
      const match = vaccine.names?.exec(rest);
      if (!match) continue;
      if (given.some((g) => g.vaccine.id === vaccine.id)) continue;
      given.push({ vaccine, start: sentence.start, end: sentence.end });
      rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
    }
  }
  if (given.length === 0) return [];
  const lines: ProposedLine[] = given.map(({ vaccine, start, end }) => ({
    code: vaccine.code,
    system: 'CPT',
    units: 1,
    modifiers: [],
    kind: 'vaccine',
    confidence: 0.92,
    evidence: [textEvidence(context.text, start, end, `vaccine.${vaccine.id}`)],
    relevantDiagnoses: ['Z23'],
    anchor: { start, end },
  }));
  const administered = given.map(({ vaccine, start, end }) => ({
    vaccine,
    evidence: textEvidence(context.text, start, end, 'vaccine.admin'),
  }));
  lines.push(...administrationLines(context, administered));
  return lines;
}

/** The administration lines for vaccines given at the visit, whether read from text or from structured records. */
export function administrationLines(
  context: NoteContext,
  given: readonly { vaccine: Vaccine; evidence: Evidence }[],
): ProposedLine[] {
  const evidence = given.map((g) => g.evidence);
  const line = (code: string, units: number, rule: string, confidence = 0.92): ProposedLine => ({
    code,
    system: code.startsWith('G') ? 'HCPCS' : 'CPT',
    units,
    modifiers: [],
    kind: 'vaccine-admin',
    confidence,
    evidence: evidence.map((e) => ({ ...e, rule })),
    relevantDiagnoses: ['Z23'],
  });
  const counselled = context.sentences.find((s) => gatedText(context).test(COUNSELLED_GATE, s));
  if (context.ageYears !== undefined && context.ageYears < 19 && counselled) {
    const extraComponents = given.reduce((sum, g) => sum + g.vaccine.components - 1, 0);
    const lines = [line('90460', given.length, 'vaccine.admin.pediatric-counselling')];
    lines[0]!.evidence.push(
      textEvidence(context.text, counselled.start, counselled.end, 'vaccine.admin.pediatric-counselling'),
    );
    if (extraComponents > 0) lines.push(line('90461', extraComponents, 'vaccine.admin.pediatric-counselling'));
    return lines;
  }
  const lines: ProposedLine[] = [];
  let others = given;
  if (context.medicare) {
    for (const g of given)
      if (g.vaccine.medicareAdmin) lines.push(line(g.vaccine.medicareAdmin, 1, 'vaccine.admin.medicare'));
    others = given.filter((g) => !g.vaccine.medicareAdmin);
  }
  // CPT: 90471/90472 for injected vaccines; an oral or intranasal one is 90473 when it is the only kind given and
  // 90474 for each further one, or for every one given beside an injected vaccine (90473 is never with 90471).
  const injected = others.filter((g) => g.vaccine.route === 'injection').length;
  const mucosal = others.length - injected;
  if (injected > 0) lines.push(line('90471', 1, 'vaccine.admin'));
  if (injected > 1) lines.push(line('90472', injected - 1, 'vaccine.admin'));
  if (mucosal > 0 && injected === 0) lines.push(line('90473', 1, 'vaccine.admin.oral-intranasal'));
  const additional = injected > 0 ? mucosal : mucosal - 1;
  if (additional > 0) lines.push(line('90474', additional, 'vaccine.admin.oral-intranasal'));
  return lines;
}
