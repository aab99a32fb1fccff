/**
 * Minor procedures done in the office, with the counts, sizes and sides their codes depend on: cerumen removal,
 * incision and drainage, skin tag removal, destruction of premalignant and benign lesions, joint and tendon sheath
 * injections, tangential biopsy (excisions and wound repairs: skin-procedures.ts). A procedure whose size or count falls outside the codes we know
 * is proposed with low confidence so that it goes to review rather than being guessed.
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import { doneSentences, gatedText, type NoteContext } from './context.ts';
import { COUNT_WORD, countOf, lateralityIn, type Span, textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

interface Found {
  code: string;
  units: number;
  confidence: number;
  rule: string;
  relevantDiagnoses: string[];
  lateral?: boolean;
}

type Detector = (sentence: string) => Found[] | undefined;

/** The count pattern of each noun (a few fixed nouns: compiled once, not per sentence). */
const COUNT_PATTERNS = new Map<string, RegExp>();

const count = (sentence: string, noun: string): number | undefined => {
  let pattern = COUNT_PATTERNS.get(noun);
  if (!pattern) {
    pattern = new RegExp(`\\b${COUNT_WORD}\\s+(?:\\w+\\s+){0,2}${noun}`, 'i');
    COUNT_PATTERNS.set(noun, pattern);
  }
  const match = pattern.exec(sentence);
  return match ? countOf(match[1]!) : undefined;
};

const cerumen: Detector = (s) => {
  if (
    !/\bcerumen\b|\bear ?wax\b/i.test(s) ||
    !/\b(remov\w*|disimpact\w*|curett\w*|extract\w*|irrigat\w*|lavage)\b/i.test(s)
  )
    return undefined;
  // 69210 needs instruments (curette, forceps, suction); irrigation alone is 69209.
  const instruments = /\b(curette?|curettage|forceps|suction|instrument\w*|loop|alligator)\b/i.test(s);
  return [
    {
      code: instruments ? '69210' : '69209',
      units: 1,
      confidence: instruments ? 0.9 : 0.85,
      rule: instruments ? 'procedure.cerumen-instruments' : 'procedure.cerumen-irrigation',
      relevantDiagnoses: ['H61.2'],
      lateral: true,
    },
  ];
};

/** A collection of blood or serum (10140), not pus: drained by incision. */
const HEMATOMA = /\b(hematoma|seroma|fluid collection)\b/i;

const incisionDrainage: Detector = (s) => {
  if (!/\b(incision and drainage|i\s?&\s?d)\b/i.test(s)) return undefined;
  if (HEMATOMA.test(s))
    return [
      {
        code: '10140',
        units: 1,
        confidence: 0.88,
        rule: 'procedure.incision-drainage-hematoma',
        relevantDiagnoses: ['S', 'T79', 'L76', 'M79.8'],
      },
    ];
  if (!/\b(abscess|boil|furuncle|carbuncle|cyst|paronychia)\b/i.test(s)) return undefined;
  const complicated = /\b(complicated|multiple|packing placed and|loculat\w+)\b/i.test(s);
  return [
    {
      code: complicated ? '10061' : '10060',
      units: 1,
      confidence: 0.88,
      rule: 'procedure.incision-drainage',
      relevantDiagnoses: ['L02', 'L03', 'L08', 'L72'],
    },
  ];
};

const skinTags: Detector = (s) => {
  if (!/\b(skin tags?|acrochordons?)\b/i.test(s) || !/\b(remov\w*|snip\w*|excis\w*)\b/i.test(s)) return undefined;
  const n = count(s, '(?:skin tags?|acrochordons?)') ?? 1;
  if (n > 15)
    return [
      { code: '11200', units: 1, confidence: 0.5, rule: 'procedure.skin-tags-over-15', relevantDiagnoses: ['L91.8'] },
    ];
  return [{ code: '11200', units: 1, confidence: 0.9, rule: 'procedure.skin-tags', relevantDiagnoses: ['L91.8'] }];
};

const DESTRUCTION =
  /\b(cryo\w*|liquid nitrogen|ln2|destroy\w*|destruction|freez\w*|treated with|curett\w*|electrodesiccation)\b/i;

const premalignant: Detector = (s) => {
  if (!/\b(actinic keratos[ie]s|aks?|premalignant)\b/i.test(s) || !DESTRUCTION.test(s)) return undefined;
  const n = count(s, '(?:actinic keratos[ie]s|aks?|lesions?|premalignant)') ?? 1;
  if (n >= 15)
    return [
      {
        code: '17004',
        units: 1,
        confidence: 0.9,
        rule: 'procedure.destruction-premalignant-15-plus',
        relevantDiagnoses: ['L57.0'],
      },
    ];
  const lines: Found[] = [
    {
      code: '17000',
      units: 1,
      confidence: 0.9,
      rule: 'procedure.destruction-premalignant',
      relevantDiagnoses: ['L57.0'],
    },
  ];
  if (n > 1)
    lines.push({
      code: '17003',
      units: n - 1,
      confidence: 0.9,
      rule: 'procedure.destruction-premalignant',
      relevantDiagnoses: ['L57.0'],
    });
  return lines;
};

const benign: Detector = (s) => {
  if (!/\b(warts?|verruca\w*|molluscum|seborrheic keratos[ie]s)\b/i.test(s) || !DESTRUCTION.test(s)) return undefined;
  const n = count(s, '(?:warts?|verruca\\w*|lesions?|molluscum)') ?? 1;
  return [
    {
      code: n >= 15 ? '17111' : '17110',
      units: 1,
      confidence: 0.9,
      rule: 'procedure.destruction-benign',
      relevantDiagnoses: ['B07', 'B08.1', 'L82'],
    },
  ];
};

/** The injection verb and the joint within a few words of each other ("right knee injection", "injected the knee"). */
const JOINT_TARGET = '(?:joint|intra-?articular|bursa|knee|shoulder|hip|subacromial|wrist|elbow|ankle|finger|toe)';
/** Ultrasound named only to say it was not used. */
const UNGUIDED =
  /\b(?:no|without|not under|not using)\s+(?:the\s+)?(?:ultrasound|us)\b|\b(?:ultrasound|us)[- ]guid\w*\s+(?:was\s+|is\s+)?(?:not|never)\b|\blandmark[- ]guided\b/i;
const JOINT_INJECTION = new RegExp(
  `\\b(?:inject\\w*|aspirat\\w*|arthrocentesis)\\b(?:\\W+\\w+){0,6}?\\W+${JOINT_TARGET}\\b|\\b${JOINT_TARGET}(?:\\W+\\w+){0,3}?\\W+(?:inject\\w*|aspirat\\w*|arthrocentesis)\\b`,
  'i',
);
const MAJOR_JOINT = /\b(knee|shoulder|hip|subacromial|glenohumeral|trochanteric bursa)\b/i;
const INTERMEDIATE_JOINT = /\b(wrist|elbow|ankle|olecranon bursa|acromioclavicular|ac joint|temporomandibular|tmj)\b/i;
const SMALL_JOINT = /\b(finger|toe|interphalangeal|metacarpophalangeal|metatarsophalangeal|mcp|mtp|pip|dip)\b/i;

const jointInjection: Detector = (s) => {
  if (/\b(trigger finger|tendon sheath|de quervain|tenosynovitis)\b/i.test(s) && /\b(inject\w*)\b/i.test(s)) {
    return [
      {
        code: '20550',
        units: 1,
        confidence: 0.88,
        rule: 'procedure.tendon-sheath-injection',
        relevantDiagnoses: ['M65', 'M77'],
        lateral: true,
      },
    ];
  }
  if (!JOINT_INJECTION.test(s)) return undefined;
  // "No ultrasound guidance", "without ultrasound guidance", "ultrasound guidance was not used": landmark-guided.
  const guided = /\b(ultrasound|us)[- ]guid\w*|under ultrasound\b/i.test(s) && !UNGUIDED.test(s);
  let code: string;
  if (MAJOR_JOINT.test(s)) code = guided ? '20611' : '20610';
  else if (INTERMEDIATE_JOINT.test(s)) code = guided ? '20606' : '20605';
  else if (SMALL_JOINT.test(s)) code = guided ? '20604' : '20600';
  else return undefined;
  return [
    {
      code,
      units: 1,
      confidence: 0.9,
      rule: 'procedure.joint-injection',
      relevantDiagnoses: ['M17', 'M25.5', 'M75', 'M19', 'M16', 'M25', 'M70', 'M76'],
      lateral: true,
    },
  ];
};

/**
 * Puncture aspiration (10160): a needle into an abscess, hematoma, bulla or cyst, without an incision. A joint,
 * bursa or ganglion aspirated is another code (the joint injection codes, 20612).
 */
const punctureAspiration: Detector = (s) => {
  if (
    !/\b(needle aspiration|aspirat\w+|punctur\w+)\b/i.test(s) ||
    !/\b(abscess|hematoma|seroma|bulla|cyst)\b/i.test(s) ||
    /\b(incision|i\s?&\s?d|joint|intra-?articular|bursa|knee|shoulder|hip|elbow|wrist|ankle|ganglion|breast|thyroid|baker'?s)\b/i.test(
      s,
    )
  )
    return undefined;
  return [
    {
      code: '10160',
      units: 1,
      confidence: 0.85,
      rule: 'procedure.puncture-aspiration',
      relevantDiagnoses: ['L02', 'L72', 'S', 'T79', 'L13', 'L76'],
    },
  ];
};

const tangentialBiopsy: Detector = (s) => {
  if (!/\b(shave|tangential)\b[^.]{0,20}\bbiops\w*|\bbiops\w*[^.]{0,20}\b(shave|tangential)\b/i.test(s))
    return undefined;
  return [
    {
      code: '11102',
      units: 1,
      confidence: 0.88,
      rule: 'procedure.tangential-biopsy',
      relevantDiagnoses: ['D48.5', 'L98', 'D22', 'L82', 'D49.2', 'C44'],
    },
  ];
};

/** Corns and calluses (benign hyperkeratotic lesions); a nail is debrided under other codes (11720/11721). */
const HYPERKERATOTIC =
  '(?:corns?|calluse?s?|callosit(?:y|ies)|clav(?:us|i)|tylomas?|hyperkeratotic lesions?|hyperkeratos[ie]s|lesions?)';
/**
 * Paring or cutting of benign hyperkeratotic lesions (11055 one lesion, 11056 two to four, 11057 more than four): the
 * lesions pared at the visit counted in the sentence ("pared 3 calluses", "paring of two corns"), one when no count.
 */
const paring: Detector = (s) => {
  if (!/\b(par(?:e|ed|ing)|shav(?:e|ed|ing)|debrid\w*|trim(?:med)?)\b/i.test(s)) return undefined;
  if (
    !/\b(corns?|calluse?s?|callosit(?:y|ies)|clav(?:us|i)|tylomas?|hyperkeratotic|hyperkeratos[ie]s)\b/i.test(s) ||
    /\bnails?\b/i.test(s)
  )
    return undefined;
  const n = count(s, HYPERKERATOTIC) ?? 1;
  const code = n > 4 ? '11057' : n >= 2 ? '11056' : '11055';
  return [{ code, units: 1, confidence: 0.88, rule: 'procedure.paring', relevantDiagnoses: ['L84'] }];
};

/**
 * Cheap first pass: a sentence naming none of these (nor I&D, below) cannot be an office procedure. Run only where
 * its words are (text/keyword-gate.ts).
 */
const ANY_PROCEDURE = keywordGate(
  /\b(?:cerumen|ear ?wax|incision|skin tags?|acrochordons?|keratos[ie]s|aks?|premalignant|warts?|verruca\w*|molluscum|laceration|inject\w*|aspirat\w*|punctur\w*|arthrocentesis|biops\w*|corns?|calluse?s?|callosit\w*|clav(?:us|i)|tylomas?|hyperkeratot\w*|hyperkeratos[ie]s)\b/i,
);

/** "I&D", "I & D": too short a word for a keyword gate; a sentence without `&` cannot hold it. */
const I_AND_D = /\bi\s?&\s?d\b/i;

/** Each detector with its procedure family: one line set per family and side. */
const DETECTORS: readonly (readonly [string, Detector])[] = [
  ['cerumen', cerumen],
  ['incision-drainage', incisionDrainage],
  ['skin-tags', skinTags],
  ['destruction-premalignant', premalignant],
  ['destruction-benign', benign],
  ['joint-injection', jointInjection],
  ['puncture-aspiration', punctureAspiration],
  ['tangential-biopsy', tangentialBiopsy],
  ['paring', paring],
];

/**
 * The procedure as the note names it, negated: "no incision and drainage was needed", "injection not performed",
 * "declined the injection", "without repair". Only the procedure's own words are checked, so "no complications" or
 * "no ultrasound guidance" leave the procedure done.
 */
const NEGATED_PROCEDURE =
  /\b(?:no|not|without|never|declin\w*|refus\w*|defer\w*|postpon\w*|forgo\w*|hold\w*)\s+(?:(?:an?|the|any|further|formal|his|her|their|a)\s+)?(?:incision|i\s?&\s?d|drainage|injections?|aspiration|arthrocentesis|repair|sutur\w+|excision|biopsy|removal|cryotherapy|destruction|procedure)\b|\b(?:incision and drainage|i\s?&\s?d|injection|aspiration|arthrocentesis|repair|excision|biopsy|removal|cryotherapy|procedure)\s+(?:was\s+|is\s+|were\s+)?(?:not|never)\s+(?:done|performed|indicated|needed|required|given|attempted)\b/i;
/** What a procedure sentence says beyond the negated procedure: "no I&D needed; abscess drained" is still done. */
const DONE_VERB =
  /\b(performed|drained|incised|injected|aspirated|repaired|sutured|excised|removed|treated|frozen|closed)\b/i;

/**
 * Sections where the procedure itself is written: its description there wins over the assessment or plan repeating
 * it ("s/p I&D", "abscess drained today"), which must never make a second line.
 */
const PROCEDURE_SECTION = /\bPROCEDURES?\b/;

function inProcedureSection(context: NoteContext, sentence: Span): boolean {
  return (context.encounter.sections ?? []).some(
    (section) => PROCEDURE_SECTION.test(section.name) && sentence.start >= section.start && sentence.end <= section.end,
  );
}

export function officeProcedureLines(context: NoteContext): ProposedLine[] {
  const lines: ProposedLine[] = [];
  // One procedure, one line: a family (and side) is taken from one sentence, the procedure section's first.
  const gated = gatedText(context);
  const candidates = doneSentences(context).filter(
    (sentence) =>
      (gated.test(ANY_PROCEDURE, sentence) || (sentence.text.includes('&') && I_AND_D.test(sentence.text))) &&
      !(NEGATED_PROCEDURE.test(sentence.text) && !DONE_VERB.test(sentence.text.replace(NEGATED_PROCEDURE, ' '))),
  );
  const ordered = [
    ...candidates.filter((s) => inProcedureSection(context, s)),
    ...candidates.filter((s) => !inProcedureSection(context, s)),
  ];
  const taken = new Map<string, Span>();
  for (const sentence of ordered) {
    for (const [family, detect] of DETECTORS) {
      const found = detect(sentence.text);
      if (!found) continue;
      for (const f of found) {
        const laterality = f.lateral ? lateralityIn(withLeadIn(context, sentence)) : undefined;
        const key = `${family}:${laterality ?? ''}`;
        const owner = taken.get(key);
        if (owner && owner !== sentence) continue;
        // A mention without a side ("knee injection done today") repeats the sided procedure already taken.
        const sided = [...taken].some(([k, span]) => k.startsWith(`${family}:`) && k !== key && span !== sentence);
        if (f.lateral && !laterality && sided) continue;
        taken.set(key, sentence);
        const line: ProposedLine = {
          code: f.code,
          system: 'CPT',
          units: f.units,
          modifiers: [],
          kind: 'minor-procedure',
          confidence: f.confidence,
          evidence: [textEvidence(context.text, sentence.start, sentence.end, f.rule)],
          relevantDiagnoses: f.relevantDiagnoses,
          anchor: { start: sentence.start, end: sentence.end },
        };
        if (laterality) line.laterality = laterality;
        else if (f.lateral) line.confidence = Math.min(line.confidence, 0.6);
        lines.push(line);
      }
    }
  }
  return lines;
}

/** The sentence with its section heading line before it ("PROCEDURE: Right knee injection" then details). */
function withLeadIn(context: NoteContext, sentence: Span): string {
  const previous = context.sentences[context.sentences.indexOf(sentence) - 1];
  return previous && /\b(procedure|right|left|bilateral)\b/i.test(previous.text) && !lateralityIn(sentence.text)
    ? `${previous.text} ${sentence.text}`
    : sentence.text;
}
