/**
 * Diagnosis coding for one encounter: structured codes validated on the date of service, clinical text read through
 * sections, sentences, context rules and our lexicon, then the encounter-wide rules (combination codes, integral
 * symptoms, Excludes1) and the first-listed choice. The contract with the procedure side is
 * `core/coding/diagnosis-port.ts`.
 *
 * When the source asserts ICD-10-CM codes, they are the diagnoses: the note text only raises a header code to the
 * billable code it documents. Otherwise the note text (and SNOMED CT conditions' display text) is coded.
 */

import { formatIcd10Code } from '#core/codesets/index';
import type { CodedDiagnosis, Evidence, ReviewReason } from '#core/coding/coded-encounter';
import type { Icd10CmInference } from '#core/coding/comprehend/icd10cm-inference';
import { readComprehendResponse } from '#core/coding/comprehend/infer-icd10cm';
import type { DiagnosisCoding, DiagnosisPorts, ExcludedMention } from '#core/coding/diagnosis-port';
import { clinicalLexicon } from '#core/coding/lexicon/index';
import type { TextSpan } from '#core/coding/text/sentences';
import type { Encounter, IsoDate } from '#core/documents/encounter';
import type { DiagnosisCandidate } from './candidate.ts';
import { applyCombinations } from './combinations.ts';
import { confirmFindings } from './confirm.ts';
import { resolveExcludes1 } from './excludes1.ts';
import type { Finding } from './finding.ts';
import { indexTableFindings } from './index-tables.ts';
import { indexTermFindings } from './index-terms.ts';
import { dropIntegralSymptoms } from './integral-symptoms.ts';
import { orderCandidates } from './ordering.ts';
import { checkQualifiers } from './qualifiers.ts';
import { type MedicationMention, readConditionText, readNote } from './read-text.ts';
import { releaseFindings, titleTerms, titleWords, type UnreadWords } from './release-findings.ts';
import { foldWord, termsOf } from './release-terms.ts';
import { statusStatements } from './status-statements.ts';
import { codeStructuredDiagnoses } from './structured.ts';
import { textFindings } from './text-findings.ts';
import { unreadStatementReasons } from './unread-statements.ts';

export type { DiagnosisCoding, DiagnosisPorts, ExcludedMention } from '#core/coding/diagnosis-port';

/** Whole years between a birth date and the date of service, or undefined when either is not a date. */
export function ageOn(birthDate: IsoDate | undefined, date: IsoDate): number | undefined {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function toCodedDiagnosis(candidate: DiagnosisCandidate): CodedDiagnosis {
  return {
    code: formatIcd10Code(candidate.code),
    description: candidate.title,
    confidence: Math.round(candidate.confidence * 1000) / 1000,
    evidence: candidate.evidence,
    codeSetVersion: candidate.release,
  };
}

/** Findings from structured conditions without an ICD-10-CM code (SNOMED CT), read from their display text. */
function conditionFindings(
  conditions: readonly { text: string; path: string; position: number }[],
  excluded: ExcludedMention[],
): { findings: Finding[]; medications: MedicationMention[] } {
  const lexicon = clinicalLexicon();
  const findings: Finding[] = [];
  const medications: MedicationMention[] = [];
  for (const condition of conditions) {
    const read = readConditionText(condition.text, lexicon);
    const found = textFindings(read);
    // Offsets point into the condition's display text, not the note: the path says where it is instead.
    for (const item of found.excluded)
      excluded.push({ ...item, text: `${condition.path}: ${item.text}`, start: 0, end: 0 });
    for (const finding of found.findings)
      findings.push({
        ...finding,
        position: condition.position,
        evidence: finding.evidence.map(
          (item): Evidence => ({ kind: 'field', path: condition.path, quote: condition.text, rule: item.rule }),
        ),
      });
    medications.push(...read.medications);
  }
  return { findings, medications };
}

export interface DiagnosisOptions {
  /** An Amazon Comprehend Medical InferICD10CM response for `encounter.noteText`: its entities are proposals. */
  comprehend?: Icd10CmInference;
}

interface NoteReading {
  findings: Finding[];
  medications: MedicationMention[];
  excluded: ExcludedMention[];
  /** Reasons that matter only when the note is what is coded (no structured ICD-10-CM codes). */
  reasons: ReviewReason[];
  hasAssessment: boolean;
  /** The assessment's statements as read (clauses of its sentences), matched by the lexicon or not. */
  clauses: TextSpan[];
  /** Assessment statements nothing read: no concept, code title, index term or Comprehend proposal. */
  unread: TextSpan[];
  /** Statuses the note states outside its assessment, for "use additional code" notes (read on demand). */
  statuses?: (concepts: ReadonlySet<string>) => Finding[];
}

/**
 * A release title that replaces lexicon findings keeps what the guideline rules know of them: the one concept it
 * replaces (so combination codes, drug-therapy Z codes and first-listed rules still see "diabetes"), with the
 * title's code; or, for several, their integral symptoms.
 */
function inheritConcept(finding: Finding, replaced: readonly Finding[]): void {
  const code = finding.choices[0]!.codes[0]!;
  if (replaced.length === 1) {
    finding.concept = { ...replaced[0]!.concept, resolve: code };
    return;
  }
  const integral = replaced.flatMap((lexicon) => lexicon.concept.integral ?? []);
  if (integral.length > 0) finding.concept = { ...finding.concept, integral };
}

/**
 * The lexicon's code says every word of the statement the release's title says (site, side, acuity; with the
 * concept's Index qualifiers, `accounts`): the title reads nothing more than the lexicon's reading, and what it adds
 * is a qualifier the statement does not state ("secondary" osteoarthritis, "serous" otitis media), never the
 * default the Index gives (Osteoarthritis, shoulder M19.01-; Otitis, media, acute H66.90). The lexicon's code stands.
 */
function saysWhatTitleSays(ports: DiagnosisPorts, noteText: string, lexicon: Finding, release: Finding): boolean {
  const statement = release.evidence[0];
  const codes = lexicon.choices[0]?.codes ?? [];
  if (statement?.start === undefined || statement.end === undefined || codes.length === 0) return false;
  const titleSays = titleTerms(ports, release.choices[0]!.codes[0]!);
  const lexiconSays = new Set([
    ...codes.flatMap((code) => [...titleTerms(ports, code)]),
    ...(lexicon.concept.accounts ?? []).map(foldWord),
  ]);
  return termsOf(noteText.slice(statement.start, statement.end)).every(
    (term) => !titleSays.has(term.key) || lexiconSays.has(term.key),
  );
}

/** Whether an offset lies inside one of the spans. */
function insideAny(offset: number, spans: readonly TextSpan[]): boolean {
  for (const span of spans) if (offset >= span.start && offset < span.end) return true;
  return false;
}

/** Whether a finding was read in the sentence. */
function inSentence(finding: Finding, sentence: TextSpan): boolean {
  return finding.position >= sentence.start && finding.position < sentence.end;
}

/**
 * A lexicon reading that leaves significant words of its clause unaccounted, by its phrase and by its code's title
 * alike, may be a different disease ("yellow fever" is not fever): not a code, a statement for a coder (said in
 * `reasons`). A module function, not a closure made per note.
 */
function readInPart(
  finding: Finding,
  partial: readonly UnreadWords[],
  ports: DiagnosisPorts,
  noteText: string,
  reasons: ReviewReason[],
): boolean {
  const clause = partial.find((span) => finding.position >= span.start && finding.position < span.end);
  if (!clause) return false;
  const accounted = new Set(
    finding.choices.flatMap((choice) => choice.codes).flatMap((code) => [...titleWords(ports, code)]),
  );
  const unaccounted = clause.words.filter((word) => !accounted.has(word));
  if (unaccounted.length === 0) return false;
  reasons.push({
    category: 'low_confidence_coding',
    message: `assessment item read only in part: "${noteText.slice(clause.start, clause.end).trim().slice(0, 80)}" (${finding.concept.id} does not account for every word)`,
    field: 'noteText',
  });
  return true;
}

/** Everything the note text says: lexicon findings, code titles, index terms, Comprehend proposals, medications. */
function readNoteText(encounter: Encounter, ports: DiagnosisPorts, options: DiagnosisOptions): NoteReading {
  const noteText = encounter.noteText ?? '';
  const sections = encounter.sections ?? [];
  const reading: NoteReading = {
    findings: [],
    medications: [],
    excluded: [],
    reasons: [],
    hasAssessment: false,
    clauses: [],
    unread: [],
  };
  if (noteText.trim() === '') return reading;
  const read = readNote(noteText, sections, clinicalLexicon());
  reading.statuses = statusStatements(noteText, sections, read, clinicalLexicon());
  reading.clauses = [...read.matchedAssessment.map((matched) => matched.sentence), ...read.unmatchedAssessment];
  // The release's titles: statements the lexicon does not know, and those it reads less completely.
  const release = releaseFindings(noteText, read, ports);
  // Where the lexicon's reading of a taken-over statement already gives the release's code, the lexicon keeps
  // it (with its guideline logic); otherwise the release's finding inherits the integral symptoms of the concepts
  // it replaces (a disease's pain is still part of it).
  const lexiconReading = textFindings(read);
  const lexiconFindings = lexiconReading.findings;
  const takenOver: TextSpan[] = [];
  release.findings = release.findings.filter((finding) => {
    const sentence = release.takenOver.find((span) => inSentence(finding, span));
    if (!sentence) return true;
    const replaced = lexiconFindings.filter((lexicon) => inSentence(lexicon, sentence));
    const code = finding.choices[0]!.codes[0]!;
    if (replaced.some((lexicon) => lexicon.choices.some((choice) => choice.codes.includes(code)))) return false;
    if (replaced.some((lexicon) => saysWhatTitleSays(ports, noteText, lexicon, finding))) return false;
    inheritConcept(finding, replaced);
    takenOver.push(sentence);
    return true;
  });
  // A complete title against a lexicon code whose title and phrase leave some of the statement's terms unsaid.
  for (const alternative of release.alternatives) {
    const replaced = lexiconFindings.filter((lexicon) => inSentence(lexicon, alternative.sentence));
    const code = alternative.finding.choices[0]!.codes[0]!;
    // Several lexicon concepts in one statement are combination territory (E11.65 from diabetes + hyperglycemia):
    // the combination rules, not a title, decide those.
    if (replaced.length !== 1 || replaced[0]!.choices.some((c) => c.codes.includes(code))) continue;
    const leavesTermsUnsaid = replaced.some((lexicon) => {
      const said = new Set([
        ...alternative.lexiconWords.filter((word) => !titleWords(ports, code).has(word)),
        ...(lexicon.choices[0]?.codes ?? []).flatMap((c) => [...titleTerms(ports, c)]),
      ]);
      return alternative.terms.some((term) => !said.has(term));
    });
    if (!leavesTermsUnsaid) continue;
    inheritConcept(alternative.finding, replaced);
    release.findings.push(alternative.finding);
    takenOver.push(alternative.sentence);
  }
  // Nothing taken over: the lexicon's reading is the one made above (nothing since has changed its findings).
  const found =
    takenOver.length === 0
      ? lexiconReading
      : textFindings({ ...read, concepts: read.concepts.filter((mention) => !insideAny(mention.start, takenOver)) });
  reading.excluded.push(...found.excluded);
  // Statements neither read: the Alphabetic Index, when the release has one.
  const indexTerms = indexTermFindings(noteText, release.unread, ports);
  // Then the External Cause Index and the Table of Drugs and Chemicals (external causes, poisonings).
  const notIndexed = release.unread.filter((s) => !indexTerms.some((f) => f.position >= s.start && f.position < s.end));
  const indexed = [...indexTerms, ...indexTableFindings(noteText, notIndexed, ports)];
  const comprehend = options.comprehend
    ? readComprehendResponse({
        response: options.comprehend,
        text: noteText,
        sections,
        readSpans: [
          ...read.concepts,
          ...release.findings.flatMap((finding) =>
            finding.evidence.flatMap((item) =>
              item.start !== undefined && item.end !== undefined ? [{ start: item.start, end: item.end }] : [],
            ),
          ),
        ],
      })
    : undefined;
  // A statement Comprehend Medical proposed a code for is read: its proposal, not "not coded", goes to the reviewer.
  const readBy = [...indexed, ...(comprehend?.findings ?? [])];
  const unread = release.unread.filter((s) => !readBy.some((f) => f.position >= s.start && f.position < s.end));
  reading.findings.push(
    ...found.findings.filter((finding) => !readInPart(finding, release.partial, ports, noteText, reading.reasons)),
    ...release.findings,
    ...indexed,
  );
  reading.reasons.push(...unreadStatementReasons(noteText, unread));
  reading.unread = unread;
  for (const quote of found.contradictions)
    reading.reasons.push({
      category: 'conflicting_documentation',
      message: `the assessment both states and denies "${quote}"`,
      field: 'noteText',
    });
  if (comprehend) {
    reading.findings.push(...comprehend.findings);
    reading.excluded.push(...comprehend.excluded);
    for (const problem of comprehend.problems)
      reading.reasons.push({ category: 'low_confidence_coding', message: `Comprehend Medical ${problem}` });
  }
  reading.medications = read.medications;
  reading.hasAssessment = read.hasAssessment || sections.length === 0;
  if (!reading.hasAssessment)
    reading.reasons.push({
      category: 'missing_information',
      message: 'the note has no assessment or diagnosis section; history and exam findings are not coded on their own',
      field: 'noteText',
    });
  return reading;
}

/** Why nothing was coded, as exactly as the reading can tell. */
function nothingCodedMessage(
  encounter: Encounter,
  noteText: string,
  note: NoteReading,
  reasons: readonly ReviewReason[],
): string {
  if (noteText.trim() === '' && encounter.diagnoses.length === 0)
    return 'the document carries no diagnosis code and no note text to code from';
  if (!note.hasAssessment) return 'no diagnosis could be coded: the note has no assessment to code from';
  if (reasons.some((reason) => reason.category === 'low_confidence_coding' && reason.field === 'noteText'))
    return 'no diagnosis could be coded: the statements of the assessment were not read with confidence (named above)';
  const excluded = note.excluded.filter((mention) => insideAny(mention.start, note.clauses));
  const why = [...new Set(excluded.map((mention) => mention.why))].join(' or ');
  const denied = excluded.length > 0 ? `; ${excluded.length} condition(s) it names are ${why}` : '';
  if (note.unread.length > 0) {
    const quotes = note.unread
      .slice(0, 3)
      .map((span) => `"${noteText.slice(span.start, span.end).trim().slice(0, 60)}"`)
      .join(', ');
    const more = note.unread.length > 3 ? ` and ${note.unread.length - 3} more` : '';
    return `no diagnosis could be coded: the assessment's ${note.unread.length} statement(s) matched no code (no concept, code title or index term): ${quotes}${more}${denied}`;
  }
  if (excluded.length > 0)
    return `no diagnosis could be coded: every condition the assessment names is ${why} (${excluded
      .slice(0, 3)
      .map((mention) => `"${mention.text.slice(0, 40)}"`)
      .join(', ')})`;
  return 'no diagnosis could be coded: the assessment names no condition';
}

/** The encounter-wide rules over the findings: combination codes, then integral symptoms dropped. */
function encounterRules(
  note: NoteReading,
  noteText: string,
  ageYears: number | undefined,
  all: Finding[],
  medications: MedicationMention[],
): Finding[] {
  return dropIntegralSymptoms(
    applyCombinations({
      findings: all,
      medications,
      noteText,
      ...(ageYears === undefined ? {} : { ageYears }),
      ...(note.statuses ? { statuses: note.statuses } : {}),
    }),
  );
}

export function codeDiagnoses(
  encounter: Encounter,
  ports: DiagnosisPorts,
  options: DiagnosisOptions = {},
): DiagnosisCoding {
  const noteText = encounter.noteText ?? '';
  const note = readNoteText(encounter, ports, options);
  const reviewReasons: ReviewReason[] = [];
  const excluded = [...note.excluded];
  const ageYears = ageOn(encounter.patient.birthDate, ports.date);
  const structuredCodesAsserted = encounter.diagnoses.some((source) => source.system === 'ICD-10-CM');
  // What the note documents, combination codes included: what a header code may be raised to.
  const documented = structuredCodesAsserted
    ? confirmFindings(encounterRules(note, noteText, ageYears, note.findings, note.medications), ports, []).flatMap(
        (c) => c.candidates,
      )
    : [];
  const structured = codeStructuredDiagnoses(encounter.diagnoses, ports, documented);
  reviewReasons.push(...structured.reviewReasons);

  let candidates: DiagnosisCandidate[];
  if (structuredCodesAsserted) {
    // The asserted codes are the diagnoses; the note only served to raise headers.
    candidates = structured.candidates;
  } else {
    const conditions = conditionFindings(structured.conditionTexts, excluded);
    const all = encounterRules(
      note,
      noteText,
      ageYears,
      [...conditions.findings, ...note.findings],
      [...conditions.medications, ...note.medications],
    );
    candidates = confirmFindings(all, ports, reviewReasons).flatMap((item) => item.candidates);
    checkQualifiers(noteText, note.clauses, candidates, ports, reviewReasons);
    // Without a note assessment, SNOMED CT conditions may still be what is coded.
    reviewReasons.push(
      ...note.reasons.filter(
        (reason) =>
          reason.field !== 'noteText' || reason.category !== 'missing_information' || conditions.findings.length === 0,
      ),
    );
  }

  const kept = resolveExcludes1(orderCandidates(candidates), ports, reviewReasons);
  if (kept.length === 0 && !reviewReasons.some((reason) => reason.category === 'unsupported_code'))
    reviewReasons.push({
      category: 'missing_information',
      message: nothingCodedMessage(encounter, noteText, note, reviewReasons),
      field: 'diagnoses',
    });
  return { diagnoses: kept.map(toCodedDiagnosis), reviewReasons, excluded };
}
