/**
 * Tests performed in the office (CLIA-waived point-of-care tests, ECG with interpretation, screenings) and
 * venipuncture. A test is coded only when the note reports it done at this visit (a result, "performed",
 * "obtained"); a test ordered, sent out or reviewed from elsewhere is data for the E/M, not a line.
 */
import { keywordGate } from '#core/coding/text/keyword-gate';
import { doneSentences, gatedText, type NoteContext } from './context.ts';
import { textEvidence } from './note-text.ts';
import type { ProposedLine } from './proposed-line.ts';

interface OfficeTest {
  id: string;
  code: string;
  pattern: RegExp;
  /** Also required in the sentence: the test was done here (a result, or a performed verb). */
  done: RegExp;
  relevantDiagnoses: string[];
  /** CLIA-waived test that Medicare wants with modifier QW (tests CMS lists as exempt from QW are not flagged). */
  waivedQw?: boolean;
  /** Units from the sentence (influenza A and B are two analytes). */
  units?: (sentence: string) => number;
  /** Which code when a variant is written (automated urinalysis). */
  variant?: (sentence: string) => string;
}

const RESULT =
  /\b(positive|negative|pos|neg|\+|normal|abnormal|trace|[\d.]+\s*(?:%|mg\/dl|g\/dl)|result\w*|performed|done|obtained|showed|shows|reveal\w*|today|in (?:the )?office|poc|point[- ]of[- ]care)\b/i;
/** An ECG is billed (93000: tracing, interpretation and report) only when the note says it was done here. */
const ECG_DONE = /\b(obtained|performed|done|in (?:the )?office|shows|showed|reveal\w*|interpret\w*|my read)\b/i;
/** A result from another setting or an earlier date is data reviewed, not a test performed here. */
const DONE_ELSEWHERE =
  /\b(in the (?:ed|er|emergency (?:room|department)|hospital)|at (?:the )?(?:hospital|urgent care|outside)|outside|at that time|last (?:week|month|year|visit)|on \w+ \d{1,2}, \d{4})\b/i;
const ECG_ELSEWHERE =
  /\b(ed|er|emergency|hospital|outside|prior|previous|last year|cardiology|from \w+ (?:ago|clinic)|will obtain|order)\b/i;

const OFFICE_TESTS: readonly OfficeTest[] = [
  {
    id: 'rapid-strep',
    code: '87880',
    pattern:
      /\b(rapid strep(?:tococcal)?(?: (?:a )?(?:antigen|screen|test))?|strep (?:a )?(?:antigen|screen|test)|rapid antigen detection test)\b/i,
    done: RESULT,
    relevantDiagnoses: ['J02.0', 'J03.0', 'J02', 'J03', 'J06', 'R07.0'],
    waivedQw: true,
  },
  {
    id: 'rapid-influenza',
    code: '87804',
    pattern:
      /\b(rapid (?:flu|influenza)(?: a(?:\/| and )b)?(?: (?:antigen|swab|test))?|influenza (?:a(?:\/| and )b )?(?:rapid )?(?:antigen|swab|test)|flu swab)\b/i,
    done: RESULT,
    relevantDiagnoses: ['J10', 'J11', 'J06', 'R50', 'R05', 'J09'],
    waivedQw: true,
    units: (sentence) => (/\ba(?:\/| and )b\b/i.test(sentence) ? 2 : 1),
  },
  {
    // SARS-CoV-2 antigen by a CLIA-waived point-of-care kit; a PCR sent out is data, not this line.
    id: 'covid-antigen',
    code: '87811',
    pattern:
      /\b((?:rapid |poc |point[- ]of[- ]care )?(?:covid(?:-19)?|sars-cov-2) (?:antigen )?(?:test|swab|antigen))\b/i,
    done: RESULT,
    relevantDiagnoses: ['U07.1', 'Z20.822', 'Z20.828', 'B34.9', 'R50', 'R05', 'J06'],
    waivedQw: true,
  },
  {
    id: 'urinalysis',
    code: '81002',
    pattern: /\b(urinalysis|urine dip(?:stick)?|dipstick urinalysis|ua(?: dip(?:stick)?)?|clinitek)\b/i,
    done: RESULT,
    relevantDiagnoses: ['N39.0', 'N30', 'R30', 'R35', 'R31', 'R39', 'N10', 'R10', 'R82'],
    // 81002 non-automated without microscopy, 81003 automated without; with microscopy 81000 / 81001.
    variant: (sentence) => {
      const automated = /\b(automated|clinitek|analy[sz]er)\b/i.test(sentence);
      const microscopy = /\b(microscop\w*|micro(?:scopic)? exam\w*|with micro|sediment)\b/i.test(sentence);
      if (microscopy) return automated ? '81001' : '81000';
      return automated ? '81003' : '81002';
    },
  },
  {
    id: 'urine-pregnancy',
    code: '81025',
    pattern: /\b(urine pregnancy test|upt|urine hcg|pregnancy test)\b/i,
    done: RESULT,
    relevantDiagnoses: ['Z32', 'N91', 'N92', 'R10'],
  },
  {
    id: 'glucose-poc',
    code: '82962',
    pattern:
      /\b(finger ?stick (?:blood )?glucose|fsbg|poc(?:t)? (?:blood )?glucose|point[- ]of[- ]care (?:blood )?glucose|glucometer|accu-?che?k|capillary (?:blood )?glucose|cbg)\b/i,
    done: RESULT,
    relevantDiagnoses: ['E11', 'E10', 'E13', 'R73', 'E16'],
  },
  {
    id: 'hemoglobin-poc',
    code: '85018',
    pattern:
      /\b((?:poc|point[- ]of[- ]care|finger ?stick|hemocue|in[- ]office) (?:hemoglobin|hgb)(?! a1c)|(?:hemoglobin|hgb) (?:by )?(?:finger ?stick|hemocue|poc))\b/i,
    done: RESULT,
    relevantDiagnoses: ['D64', 'D50', 'O99.0', 'R53', 'N92'],
    waivedQw: true,
  },
  {
    id: 'a1c-poc',
    code: '83036',
    pattern:
      /\b((?:poc|point[- ]of[- ]care|in[- ]office|office) (?:hemoglobin |hgb ?)?a1c|(?:hemoglobin |hgb ?)?a1c (?:\(poc\)|poc|point[- ]of[- ]care|in (?:the )?office|(?:was )?(?:checked|done|performed) (?:today|in (?:the )?office)))\b/i,
    done: RESULT,
    relevantDiagnoses: ['E11', 'E10', 'E13', 'R73', 'Z13.1'],
    waivedQw: true,
  },
  {
    id: 'ecg',
    code: '93000',
    pattern: /\b(?:12[- ]lead )?(ecg|ekg|electrocardiogram)\b/i,
    done: ECG_DONE,
    relevantDiagnoses: ['R07', 'R00', 'I48', 'R55', 'R42', 'R06', 'I10', 'I25', 'Z01.81'],
  },
  {
    id: 'venipuncture',
    code: '36415',
    pattern: /\b(venipuncture|blood (?:was )?drawn|labs? (?:were |was )?drawn|phlebotomy)\b/i,
    done: /./,
    relevantDiagnoses: [],
  },
  {
    id: 'spirometry',
    code: '94010',
    pattern: /\bspirometry\b/i,
    done: RESULT,
    relevantDiagnoses: ['J45', 'J44', 'R06', 'R05'],
  },
  {
    id: 'hearing-screen',
    code: '92551',
    pattern: /\b(hearing screen(?:ing)?|audiometry screen(?:ing)?|pure[- ]tone screen(?:ing)?)\b/i,
    done: /\b(pass(?:ed)?|fail(?:ed)?|normal|abnormal|performed|done|bilaterally|today)\b/i,
    relevantDiagnoses: ['Z00', 'Z01.1'],
  },
  {
    id: 'vision-screen',
    code: '99173',
    pattern: /\b(visual acuity|snellen|vision screen(?:ing)?)\b/i,
    done: /\b(20\/\d+|pass(?:ed)?|fail(?:ed)?|normal|performed|done|today)\b/i,
    relevantDiagnoses: ['Z00', 'Z01.0'],
  },
  {
    id: 'developmental-screen',
    code: '96110',
    pattern: /\b(asq(?:-3)?|ages and stages|developmental screen(?:ing)?|m-?chat(?:-r)?)\b/i,
    done: /\b(score\w*|pass(?:ed)?|normal|negative|positive|low risk|completed|performed|done|administered|today)\b/i,
    relevantDiagnoses: ['Z00.1', 'Z13.4', 'Z00'],
  },
];

/** Cheap first pass: one pattern for all the tests, run only where one of its words is (text/keyword-gate.ts). */
const ANY_TEST = keywordGate(new RegExp(OFFICE_TESTS.map((test) => test.pattern.source).join('|'), 'i'));

/**
 * Standardized instruments billed as 96127 (brief emotional/behavioral assessment with scoring and documentation, per
 * standardized instrument), one unit each, only when administered and scored at this visit: a score written for
 * the instrument ("PHQ-9 today 15", "GAD-7: 13", "EPDS score 4") or "administered", "completed", "scored". A score
 * the patient reports from elsewhere ("GAD-7 self-reported 5", "PHQ-9 of 12 at her therapist's"), one from an
 * earlier visit, or an instrument only named ("will repeat PHQ-9 next visit") is not this service.
 */
const INSTRUMENTS: readonly [string, RegExp][] = [
  ['phq-9', /\bphq-?9\b/gi],
  ['phq-a', /\bphq-?a\b/gi],
  ['gad-7', /\bgad-?7\b/gi],
  ['epds', /\b(?:edinburgh(?: postnatal depression scale)?|epds)\b/gi],
  ['vanderbilt', /\bvanderbilt\b/gi],
];
const ANY_INSTRUMENT = keywordGate(/\b(?:phq|gad|edinburgh|epds|vanderbilt)/i);
const ANY_INSTRUMENT_NAME = /\b(?:phq-?[9a]|gad-?7|edinburgh|epds|vanderbilt)\b/gi;
const INSTRUMENT_DONE = /\b(score[sd]?|scoring|completed|administered|negative|positive|\d{1,2}(?:\/\d{2})?)\b/i;
/** The score is not this visit's: reported by the patient, from another setting, planned, or declined. */
const INSTRUMENT_NOT_HERE =
  /\b(self[- ]?report(?:ed)?|self[- ]?administered at home|(?:pt|patient|she|he|they) reports?|per (?:the )?(?:patient|pt|therapist|outside)|at home|outside|from (?:her|his|their|the) (?:therapist|counsel\w+|psychiatrist|psychologist|pcp|app)|(?:on|via|in) (?:her|his|their|an?) app|will (?:repeat|administer|complete|check|do)|next visit|declined|not (?:done|completed|administered))\b/i;
/** A score from before ("at the last visit", "previously 19") unless the clause also gives today's. */
const INSTRUMENT_PAST = /\b(last (?:visit|time|month|week)|previous(?:ly)?|prior|in (?:19|20)\d\d)\b/i;
const INSTRUMENT_TODAY = /\b(today|this visit|in (?:the )?(?:clinic|office)|administered|scored|completed)\b/i;

/**
 * Each instrument named in the sentence, with its own clause: from the end of the instrument before it (or the
 * sentence's start) to the next instrument's start (or the sentence's end).
 */
function instrumentClauses(text: string): { name: string; clause: string }[] {
  const mentions = [...text.matchAll(ANY_INSTRUMENT_NAME)];
  return mentions.map((match, i) => {
    const start = i === 0 ? 0 : mentions[i - 1]!.index + mentions[i - 1]![0].length;
    const end = i + 1 < mentions.length ? mentions[i + 1]!.index : text.length;
    const name = INSTRUMENTS.find(([, pattern]) => {
      pattern.lastIndex = 0;
      return pattern.test(match[0]);
    })![0];
    const after = text.slice(match.index + match[0].length, end);
    return { name, clause: `${text.slice(start, match.index)} ${after}` };
  });
}

export function officeTestLines(context: NoteContext): ProposedLine[] {
  const lines: ProposedLine[] = [];
  const seen = new Set<string>();
  const gated = gatedText(context);
  for (const sentence of doneSentences(context)) {
    if (!gated.test(ANY_TEST, sentence)) continue;
    for (const test of OFFICE_TESTS) {
      if (seen.has(test.id)) continue;
      const match = test.pattern.exec(sentence.text);
      if (!match || !test.done.test(sentence.text)) continue;
      if (test.id === 'ecg' ? ECG_ELSEWHERE.test(sentence.text) : DONE_ELSEWHERE.test(sentence.text)) continue;
      seen.add(test.id);
      const code = test.variant?.(sentence.text) ?? test.code;
      const modifiers = context.medicare && test.waivedQw ? ['QW'] : [];
      lines.push({
        code,
        system: 'CPT',
        units: test.units?.(sentence.text) ?? 1,
        modifiers,
        kind: 'test',
        confidence: 0.9,
        evidence: [textEvidence(context.text, sentence.start, sentence.end, `test.${test.id}`)],
        relevantDiagnoses: test.relevantDiagnoses,
        anchor: { start: sentence.start, end: sentence.end },
      });
    }
  }
  const instruments = new Map<string, { start: number; end: number }>();
  for (const sentence of context.sentences) {
    if (!gated.test(ANY_INSTRUMENT, sentence) || !INSTRUMENT_DONE.test(sentence.text)) continue;
    for (const { name, clause } of instrumentClauses(sentence.text)) {
      if (instruments.has(name) || INSTRUMENT_NOT_HERE.test(clause)) continue;
      if (INSTRUMENT_PAST.test(clause) && !INSTRUMENT_TODAY.test(clause)) continue;
      // The instrument's own clause, or the sentence saying it was given here ("Both administered and scored").
      if (INSTRUMENT_DONE.test(clause)) instruments.set(name, sentence);
    }
  }
  if (instruments.size > 0) {
    const spans = [...instruments.values()];
    lines.push({
      code: '96127',
      system: 'CPT',
      units: instruments.size,
      modifiers: [],
      kind: 'test',
      confidence: 0.88,
      evidence: spans.map((s) => textEvidence(context.text, s.start, s.end, 'test.standardized-instrument')),
      relevantDiagnoses: ['F32', 'F33', 'F41', 'F90', 'Z13.3', 'Z13.8', 'Z00'],
      anchor: spans[0]!,
    });
  }
  return lines;
}
