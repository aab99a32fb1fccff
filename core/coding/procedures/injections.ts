/**
 * Drugs given in the office: the HCPCS drug line with units from the documented dose, and the administration
 * (96372 for each intramuscular or subcutaneous injection; 94640 for a nebulizer treatment). A drug injected into
 * a joint or tendon sheath is billed with the procedure (office-procedures.ts), never with 96372. A drug named in
 * several sentences ("here for B12", "cyanocobalamin 1000 mcg IM given") is one administration: the dosed mention
 * wins.
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import { doneSentences, gatedText, type NoteContext } from './context.ts';
import { ANY_DRUG, type Dose, drugUnits, INJECTABLE_DRUGS, type InjectableDrug, readDose } from './drugs.ts';
import { lateralityIn, type Span, textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

const INJECTION_ROUTE =
  /\b(im|intramuscular(?:ly)?|sc|sq|subq|subcutaneous(?:ly)?|injections?|injected|inj|shots?|deltoid|gluteal|ventrogluteal|buttock|vastus lateralis|thigh)\b/i;
const NOT_INJECTED =
  /\b(po|by mouth|orally|oral|tablets?|tabs?|capsules?|daily|bid|tid|qid|q\d+h|prn|prescri\w+|rx|refill\w*|sent to pharmacy|auto-?injector|epipen)\b/i;
const CLEARLY_INJECTED = /\b(im|intramuscular|injection|injected|given)\b/i;
const INTO_JOINT =
  /\b(intra-?articular|joint|knee|shoulder|hip|subacromial|bursa|tendon sheath|trigger (?:finger|point)|elbow|wrist|ankle|epidural)\b/i;
/** Local anesthesia and injections into other sites are part of a procedure, never a 96372 with a drug line. */
const NOT_A_DRUG_INJECTION =
  /\b(lidocaine|xylocaine|marcaine|bupivacaine|ropivacaine|anesthe\w+|local|subconjunctival|intralesional|intravitreal|intradermal|epidural|nerve block|incision|wound|dog ear|infiltrat\w+)\b/i;
const NEBULIZER = /\b(nebuli[sz](?:er|ed|ation)|neb|duoneb|inhalation treatment|breathing treatment)\b/i;

/** Cheap first pass: one pattern for every drug name, run only where one of its words is. */
const ANY_DRUG_GATE = keywordGate(ANY_DRUG);

interface Mention {
  drug: InjectableDrug;
  sentence: Span;
  dose?: Dose;
  intoJoint: boolean;
}

function mentionsIn(context: NoteContext): Mention[] {
  const mentions: Mention[] = [];
  const gated = gatedText(context);
  for (const sentence of doneSentences(context)) {
    if (!gated.test(ANY_DRUG_GATE, sentence)) continue;
    for (const drug of INJECTABLE_DRUGS) {
      const name = drug.names.exec(sentence.text);
      if (!name) continue;
      if (drug.route === 'inhalation' ? !NEBULIZER.test(sentence.text) : !INJECTION_ROUTE.test(sentence.text)) continue;
      if (drug.route === 'injection' && NOT_INJECTED.test(sentence.text) && !CLEARLY_INJECTED.test(sentence.text))
        continue;
      const written =
        readDose(sentence.text.slice(name.index)) ?? readDose(sentence.text.slice(Math.max(0, name.index - 25)));
      // "40 mg into each knee" done on both sides is twice the written dose.
      const dose =
        written && /\beach\b/i.test(sentence.text) && lateralityIn(sentence.text) === 'bilateral'
          ? { ...written, amount: written.amount * 2 }
          : written;
      const intoJoint = INTO_JOINT.test(sentence.text);
      if (!intoJoint && drug.route === 'injection' && NOT_A_DRUG_INJECTION.test(sentence.text)) continue;
      const mention: Mention = { drug, sentence, intoJoint };
      if (dose) mention.dose = dose;
      mentions.push(mention);
    }
  }
  return mentions;
}

export function injectionLines(context: NoteContext): ProposedLine[] {
  const byDrug = new Map<string, Mention>();
  for (const mention of mentionsIn(context)) {
    const known = byDrug.get(mention.drug.id);
    if (!known || (!known.dose && mention.dose)) byDrug.set(mention.drug.id, mention);
  }
  const lines: ProposedLine[] = [];
  const injected: Mention[] = [];
  let nebulizer: Mention | undefined;
  for (const mention of byDrug.values()) {
    const { drug, sentence, dose } = mention;
    const evidence = [textEvidence(context.text, sentence.start, sentence.end, `drug.${drug.id}`)];
    const anchor = { start: sentence.start, end: sentence.end };
    const base = { system: 'HCPCS' as const, modifiers: [], kind: 'drug' as const, evidence, anchor };
    const perDose = drug.codes.find((c) => c.unit === 'dose');
    if (perDose) {
      // Billed per injection: one per joint, two for "each knee" on both sides.
      const both = /\b(each|both)\b/i.test(sentence.text) && lateralityIn(sentence.text) === 'bilateral';
      lines.push({ ...base, code: perDose.code, units: both ? 2 : 1, confidence: 0.93 });
    } else if (!dose) {
      // Without a dose the units cannot be computed: one unit with low confidence, so that review sees it.
      lines.push({ ...base, code: drug.codes[0]!.code, units: 1, confidence: 0.4 });
    } else {
      for (const { code, units } of drugUnits(drug, dose)) lines.push({ ...base, code, units, confidence: 0.93 });
    }
    if (drug.route === 'inhalation') nebulizer ??= mention;
    else if (!mention.intoJoint) injected.push(mention);
  }
  if (injected.length > 0) {
    lines.push({
      code: '96372',
      system: 'CPT',
      units: injected.length,
      modifiers: [],
      kind: 'injection-admin',
      confidence: 0.92,
      evidence: injected.map((m) => textEvidence(context.text, m.sentence.start, m.sentence.end, 'injection.admin')),
      anchor: { start: injected[0]!.sentence.start, end: injected[0]!.sentence.end },
    });
  }
  if (nebulizer) {
    const { sentence } = nebulizer;
    lines.push({
      code: '94640',
      system: 'CPT',
      units: 1,
      modifiers: [],
      kind: 'test',
      confidence: 0.9,
      evidence: [textEvidence(context.text, sentence.start, sentence.end, 'procedure.nebulizer')],
      relevantDiagnoses: ['J45', 'J44', 'J20', 'J21', 'R06.2', 'R06'],
      anchor: { start: sentence.start, end: sentence.end },
    });
  }
  return lines;
}
