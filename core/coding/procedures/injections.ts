/**
 * Drugs given in the office: the HCPCS drug line with units from the documented dose, and the administration
 * (96372 for each intramuscular or subcutaneous injection; 94640 for a nebulizer treatment). A drug injected into
 * a joint or tendon sheath is billed with the procedure (office-procedures.ts), never with 96372.
 */
import { inHistorySection, type NoteContext } from './context.ts';
import { drugUnits, INJECTABLE_DRUGS, readDose } from './drugs.ts';
import { lateralityIn, reportsDone, textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

const INJECTION_ROUTE =
  /\b(im|intramuscular(?:ly)?|sc|sq|subq|subcutaneous(?:ly)?|injection|injected|inj|shot|deltoid|gluteal|ventrogluteal|buttock|vastus lateralis)\b/i;
const NOT_INJECTED =
  /\b(po|by mouth|orally|oral|tablets?|tabs?|capsules?|daily|bid|tid|qid|q\d+h|prn|prescri\w+|rx|refill\w*|sent to pharmacy|auto-?injector|epipen)\b/i;
const INTO_JOINT =
  /\b(intra-?articular|joint|knee|shoulder|hip|subacromial|bursa|tendon sheath|trigger (?:finger|point)|elbow|wrist|ankle|epidural)\b/i;
const NEBULIZER = /\b(nebuli[sz](?:er|ed|ation)|neb|duoneb|inhalation treatment|breathing treatment)\b/i;

export function injectionLines(context: NoteContext): ProposedLine[] {
  const lines: ProposedLine[] = [];
  let injections = 0;
  const injectionEvidence: ProposedLine['evidence'] = [];
  const anchors: { start: number; end: number }[] = [];
  let nebulizer: ProposedLine | undefined;
  for (const sentence of context.sentences) {
    if (inHistorySection(context, sentence.start) || !reportsDone(sentence.text)) continue;
    for (const drug of INJECTABLE_DRUGS) {
      const name = drug.names.exec(sentence.text);
      if (!name) continue;
      const inhaled = drug.route === 'inhalation';
      if (inhaled ? !NEBULIZER.test(sentence.text) : !INJECTION_ROUTE.test(sentence.text)) continue;
      if (
        !inhaled &&
        NOT_INJECTED.test(sentence.text) &&
        !/\b(im|intramuscular|injection|injected|given)\b/i.test(sentence.text)
      )
        continue;
      const fromName = sentence.text.slice(Math.max(0, name.index - 25));
      const written = readDose(sentence.text.slice(name.index)) ?? readDose(fromName);
      // "40 mg into each knee" done on both sides is twice the written dose.
      const dose =
        written && /\beach\b/i.test(sentence.text) && lateralityIn(sentence.text) === 'bilateral'
          ? { ...written, amount: written.amount * 2 }
          : written;
      const evidence = [textEvidence(context.text, sentence.start, sentence.end, `drug.${drug.id}`)];
      const anchor = { start: sentence.start, end: sentence.end };
      if (!dose) {
        // Without a dose the units cannot be computed: propose one unit with low confidence so review sees it.
        const first = drug.codes[0]!;
        lines.push({
          code: first.code,
          system: 'HCPCS',
          units: 1,
          modifiers: [],
          kind: 'drug',
          confidence: 0.4,
          evidence,
          anchor,
        });
      } else {
        for (const { code, units } of drugUnits(drug, dose)) {
          lines.push({ code, system: 'HCPCS', units, modifiers: [], kind: 'drug', confidence: 0.93, evidence, anchor });
        }
      }
      if (inhaled) {
        nebulizer ??= {
          code: '94640',
          system: 'CPT',
          units: 1,
          modifiers: [],
          kind: 'test',
          confidence: 0.9,
          evidence: [textEvidence(context.text, sentence.start, sentence.end, 'procedure.nebulizer')],
          relevantDiagnoses: ['J45', 'J44', 'J20', 'J21', 'R06.2', 'R06'],
          anchor,
        };
      } else if (!INTO_JOINT.test(sentence.text)) {
        injections += 1;
        injectionEvidence.push(textEvidence(context.text, sentence.start, sentence.end, 'injection.admin'));
        anchors.push(anchor);
      }
    }
  }
  if (injections > 0) {
    lines.push({
      code: '96372',
      system: 'CPT',
      units: injections,
      modifiers: [],
      kind: 'injection-admin',
      confidence: 0.92,
      evidence: injectionEvidence,
      anchor: anchors[0]!,
    });
  }
  if (nebulizer) lines.push(nebulizer);
  return lines;
}
