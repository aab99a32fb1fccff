/**
 * Skin excisions (benign 11400-11446, malignant 11600-11646) and wound repairs (simple 12001-12018, intermediate
 * 12031-12057, complex 13100-13153), from the site groups and size bands of `data/skin-procedures.json`.
 *
 * - Excision: one line per lesion, by excised diameter = the lesion's greatest diameter plus twice the margin
 *   (or the excised diameter written); malignant when the note or a coded diagnosis says so without doubt, benign
 *   when it names a benign lesion; otherwise pathology decides, and the line goes to review.
 * - Repair: classification from the note (layered / deep sutures: intermediate; undermining, retention sutures,
 *   debridement of edges, exposed bone or tendon: complex; else simple); lengths of the same class in the same site
 *   group are summed into one code. Simple closure of an excision is part of the excision; a layered or complex
 *   closure of its defect is coded beside it.
 * Procedure section sentences win: the assessment or plan repeating a procedure never adds a line or a length.
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import type { CodedDiagnosis } from '../coded-encounter.ts';
import { doneSentences, gatedText, type NoteContext } from './context.ts';
import { type Span, textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';
import { bandCode, type SkinFamily, skinData } from './skin-data.ts';

const EXCISION = /\b(excis(?:ed|ion|ional)|elliptical(?:ly)? excis\w*)\b/i;
/** Removed by other codes: shave removal, skin tags (11200 even by scissor excision), nails, deeper tumors. */
const NOT_SKIN_EXCISION =
  /\b(shave|skin tags?|acrochordons?|nails?|toenails?|ingrown|subcutaneous|subfascial|soft tissue|lymph node|breast)\b/i;
const MALIGNANT = /\b(basal cell carcinoma|bcc|squamous cell carcinoma|scc|melanoma|malignan\w*|carcinoma)\b/i;
const UNCERTAIN =
  /\b(suspicious|suspected|suspect|possible|probable|rule out|r\/o|concern(?:ing)? for|pending|await\w*|versus|vs\.?)\b/i;
const BENIGN =
  /\b(nev(?:us|i)|moles?|seborrheic keratos[ie]s|(?:epidermoid|epidermal(?: inclusion)?|sebaceous|pilar|inclusion) cysts?|dermatofibroma|benign|lipoma|cysts?)\b/i;
const MALIGNANT_CODES = /^(C43|C44|C4A|D03|D04)/;
const BENIGN_CODES = /^(D22|D23|L82|L72|D17|L91)/;
const EXCISION_DIAGNOSES = ['C44', 'C43', 'D03', 'D04', 'D22', 'D23', 'L82', 'L72', 'D17', 'D48.5', 'D49.2'];

const LACERATION = /\blaceration\b/i;
const REPAIR_VERB = /\b(repair\w*|sutur\w*|closed|closure|dermabond|tissue adhesive|staple[sd]?)\b/i;
const STRIPS_ONLY = /\b(steri-?strips?|butterfly)\b/i;
const INTERNAL =
  /\b(bladder|bowel|colon|uterine|uterus|vaginal|cervical|perineal|liver|spleen|kidney|renal|vessel|arter\w+|vein|tendon repair|nerve repair|serosa\w*|dura\w*|cornea\w*)\b/i;
const COMPLEX =
  /\b(complex (?:repair|closure)|extensive undermining|undermin\w+|retention sutures?|debrid\w+ of (?:the )?(?:wound )?(?:edges|margins)|exposed (?:bone|cartilage|tendon))\b/i;
const INTERMEDIATE =
  /\b(intermediate (?:repair|closure)|layered|in layers|two[- ]layer|deep (?:dermal )?sutures?|subcutaneous sutures?|deep dermal|heavily contaminated|extensive cleaning)\b/i;
/** A laceration or a defect closed in layers: something repaired. A simple closure of an excision is the excision's. */
const DEFECT_CLOSURE = /\b(defect|wound|incision|excision site)\b/i;

const MEASURE = /(\d+(?:\.\d+)?)\s*(cm|mm)\b/gi;
const MARGIN = /(\d+(?:\.\d+)?)\s*(cm|mm)\s+(?:\w+\s+)?margins?\b|\bmargins?\s+(?:of\s+)?(\d+(?:\.\d+)?)\s*(cm|mm)\b/i;
const EXCISED_DIAMETER = /\bexcised diameter\b\D{0,20}?(\d+(?:\.\d+)?)\s*(cm|mm)\b/i;
const DIMENSIONS = /(\d+(?:\.\d+)?)\s*(cm|mm)?\s*x\s*(\d+(?:\.\d+)?)\s*(cm|mm)\b/i;
const SEVERAL =
  /\b(two|three|four|five|several|multiple|\d)\s+(?:\w+\s+){0,2}(?:lesions|nevi|cysts|moles|carcinomas)\b/i;

const cm = (value: string, unit: string) => Number(value) / (unit.toLowerCase() === 'mm' ? 10 : 1);

/** Any skin procedure word: the cheap first pass over a sentence, run only where its words are (keyword-gate.ts). */
const ANY_SKIN = keywordGate(/\b(?:excis\w*|laceration|layered|in layers|closure|repair\w*)\b/i);

const PROCEDURE_SECTION = /\bPROCEDURES?\b/;

interface Mention {
  sentence: Span;
  inProcedure: boolean;
}

function mentions(context: NoteContext): Mention[] {
  const gated = gatedText(context);
  const all = doneSentences(context)
    .filter((s) => gated.test(ANY_SKIN, s))
    .map((sentence) => ({
      sentence,
      inProcedure: (context.encounter.sections ?? []).some(
        (section) =>
          PROCEDURE_SECTION.test(section.name) && sentence.start >= section.start && sentence.end <= section.end,
      ),
    }));
  return all;
}

/** Procedure-section mentions of a kind replace every other mention of it (assessment and plan repeat them). */
function preferProcedureSection<T extends Mention>(found: T[]): T[] {
  return found.some((m) => m.inProcedure) ? found.filter((m) => m.inProcedure) : found;
}

function line(
  context: NoteContext,
  sentence: Span,
  code: string,
  units: number,
  confidence: number,
  rule: string,
  relevantDiagnoses: string[],
): ProposedLine {
  return {
    code,
    system: 'CPT',
    units,
    modifiers: [],
    kind: 'minor-procedure',
    confidence,
    evidence: [textEvidence(context.text, sentence.start, sentence.end, rule)],
    relevantDiagnoses,
    anchor: { start: sentence.start, end: sentence.end },
  };
}

function firstSite(text: string): string | undefined {
  return skinData().siteOf(text)[0]?.site;
}

interface Excision extends Mention {
  family: SkinFamily;
  certain: boolean;
  diameterCm?: number;
  site?: string;
  several: boolean;
}

function excisionSize(text: string): number | undefined {
  const explicit = EXCISED_DIAMETER.exec(text);
  if (explicit) return cm(explicit[1]!, explicit[2]!);
  const margin = MARGIN.exec(text);
  const rest = margin ? text.slice(0, margin.index) + text.slice(margin.index + margin[0].length) : text;
  const dims = DIMENSIONS.exec(rest);
  let lesion: number | undefined;
  if (dims) {
    const unit = dims[4]!;
    lesion = Math.max(cm(dims[1]!, dims[2] ?? unit), cm(dims[3]!, unit));
  } else {
    const first = new RegExp(MEASURE.source, 'i').exec(rest);
    if (first) lesion = cm(first[1]!, first[2]!);
  }
  if (lesion === undefined) return undefined;
  const marginCm = margin ? cm(margin[1] ?? margin[3]!, margin[2] ?? margin[4]!) : 0;
  return Math.round((lesion + 2 * marginCm) * 10) / 10;
}

function excisions(context: NoteContext, diagnoses: readonly CodedDiagnosis[], found: Mention[]): Excision[] {
  const assessment = context.text;
  const out: Excision[] = [];
  for (const m of found) {
    const text = m.sentence.text;
    if (!EXCISION.test(text) || NOT_SKIN_EXCISION.test(text)) continue;
    // The nature of the lesion: the sentence first, then the coded diagnoses, then the note's own words.
    let family: SkinFamily = 'excision-benign';
    let certain = false;
    if (MALIGNANT.test(text)) {
      family = 'excision-malignant';
      certain = !UNCERTAIN.test(text);
    } else if (BENIGN.test(text)) certain = !UNCERTAIN.test(text);
    else if (diagnoses.some((d) => MALIGNANT_CODES.test(d.code))) {
      family = 'excision-malignant';
      certain = true;
    } else if (diagnoses.some((d) => BENIGN_CODES.test(d.code))) certain = true;
    else if (MALIGNANT.test(assessment) && !UNCERTAIN.test(assessment)) family = 'excision-malignant';
    const excision: Excision = { ...m, family, certain, several: SEVERAL.test(text) };
    const size = excisionSize(text);
    if (size !== undefined) excision.diameterCm = size;
    const site = firstSite(text);
    if (site) excision.site = site;
    out.push(excision);
  }
  // The same lesion written twice (procedure note and assessment) is one excision.
  const kept = preferProcedureSection(out);
  return kept.filter(
    (e, i) => kept.findIndex((o) => o.family === e.family && o.site === e.site && o.diameterCm === e.diameterCm) === i,
  );
}

interface Repair extends Mention {
  family: 'repair-simple' | 'repair-intermediate' | 'repair-complex';
  site?: string;
  lengthCm?: number;
}

function repairLength(text: string, excision: boolean): number | undefined {
  if (excision) {
    // Beside an excision only a length tied to the closure counts (not the lesion or the margin).
    const tied =
      /\b(?:closure|repair|defect|wound)\b\D{0,30}?(\d+(?:\.\d+)?)\s*(cm|mm)\b|(\d+(?:\.\d+)?)\s*(cm|mm)\s+(?:\w+\s+){0,2}(?:closure|repair|defect|wound)\b/i.exec(
        text,
      );
    return tied ? cm(tied[1] ?? tied[3]!, tied[2] ?? tied[4]!) : undefined;
  }
  const lengths = [...text.matchAll(MEASURE)].map((m) => cm(m[1]!, m[2]!));
  return lengths.length > 0 ? Math.round(lengths.reduce((a, b) => a + b, 0) * 10) / 10 : undefined;
}

/** The site a sentence names, else the one the sentence before it names ("... excised. The defect was closed ..."). */
function siteWithLeadIn(context: NoteContext, sentence: Span): string | undefined {
  const own = firstSite(sentence.text);
  if (own) return own;
  const previous = context.sentences[context.sentences.indexOf(sentence) - 1];
  return previous ? firstSite(previous.text) : undefined;
}

function repairs(context: NoteContext, found: Mention[]): Repair[] {
  const out: Repair[] = [];
  for (const m of found) {
    const text = m.sentence.text;
    if (INTERNAL.test(text) || !REPAIR_VERB.test(text)) continue;
    const excision = EXCISION.test(text);
    const laceration = LACERATION.test(text);
    const complex = COMPLEX.test(text);
    const intermediate = INTERMEDIATE.test(text);
    // A surgical wound closed at the end of an operation belongs to it: only a laceration or a layered/complex
    // closure of an excision defect is a repair of its own.
    if (!laceration && !((complex || intermediate) && (excision || DEFECT_CLOSURE.test(text)))) continue;
    if (laceration && STRIPS_ONLY.test(text) && !/\b(sutur\w*|staple|dermabond|adhesive)\b/i.test(text)) continue;
    const family = complex ? 'repair-complex' : intermediate ? 'repair-intermediate' : 'repair-simple';
    const repair: Repair = { ...m, family };
    const length = repairLength(text, excision);
    if (length !== undefined) repair.lengthCm = length;
    const site = siteWithLeadIn(context, m.sentence);
    if (site) repair.site = site;
    out.push(repair);
  }
  const kept = preferProcedureSection(out);
  return kept.filter(
    (r, i) => kept.findIndex((o) => o.family === r.family && o.site === r.site && o.lengthCm === r.lengthCm) === i,
  );
}

const LACERATION_DIAGNOSES = ['S01', 'S61', 'S51', 'S41', 'S81', 'S91', 'S71', 'S21', 'S31', 'S11', 'S09'];

export function skinProcedureLines(context: NoteContext, diagnoses: readonly CodedDiagnosis[]): ProposedLine[] {
  const found = mentions(context);
  if (found.length === 0) return [];
  const data = skinData();
  const lines: ProposedLine[] = [];
  const add = (next: ProposedLine) => {
    const same = lines.find((l) => l.code === next.code);
    if (same) {
      same.units += next.units;
      same.evidence.push(...next.evidence);
      same.confidence = Math.min(same.confidence, next.confidence);
    } else lines.push(next);
  };

  for (const e of excisions(context, diagnoses, found)) {
    const group = e.site ? data.groupFor(e.family, e.site) : undefined;
    const band = group && e.diameterCm !== undefined ? bandCode(group, e.diameterCm) : undefined;
    const code = band?.code ?? (e.family === 'excision-malignant' ? '11600' : '11400');
    // Without a site or size the code is a guess; without the lesion's nature pathology must decide; several lesions
    // in one sentence need one line each: all of these go to review.
    const confidence = !band ? 0.4 : e.several ? 0.5 : e.certain ? 0.9 : 0.5;
    add(line(context, e.sentence, code, 1, confidence, `procedure.${e.family}`, EXCISION_DIAGNOSES));
  }

  // Repairs of the same class in the same site group are summed into one code.
  const sums = new Map<string, { repair: Repair; lengthCm: number; measured: boolean; spans: Span[] }>();
  for (const r of repairs(context, found)) {
    const group = r.site ? data.groupFor(r.family, r.site) : undefined;
    const key = `${r.family}:${group ? group.bands[0]!.code : 'unknown'}`;
    const sum = sums.get(key);
    if (sum) {
      sum.lengthCm += r.lengthCm ?? 0;
      sum.measured &&= r.lengthCm !== undefined;
      sum.spans.push(r.sentence);
    } else
      sums.set(key, { repair: r, lengthCm: r.lengthCm ?? 0, measured: r.lengthCm !== undefined, spans: [r.sentence] });
  }
  for (const { repair, lengthCm, measured, spans } of sums.values()) {
    const group = repair.site ? data.groupFor(repair.family, repair.site) : undefined;
    const total = Math.round(lengthCm * 10) / 10;
    const band = group && measured ? bandCode(group, total) : undefined;
    const rule = `procedure.${repair.family}`;
    const relevant = LACERATION_DIAGNOSES;
    if (!band) {
      const fallback = group?.bands[0]?.code ?? (repair.family === 'repair-simple' ? '12001' : '12031');
      add(line(context, repair.sentence, fallback, 1, 0.4, `${rule}-undetermined`, relevant));
      continue;
    }
    const main = line(context, repair.sentence, band.code, 1, 0.9, rule, relevant);
    for (const span of spans.slice(1)) main.evidence.push(textEvidence(context.text, span.start, span.end, rule));
    add(main);
    if (band.addOnUnits > 0 && group?.addOn)
      add(line(context, repair.sentence, group.addOn.code, band.addOnUnits, 0.9, rule, relevant));
  }
  return lines;
}
