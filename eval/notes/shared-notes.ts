/**
 * How the coder reads notes written by other hands: the transcriptions of the shared MTSamples subset that are not
 * operative reports (consults, follow-ups, visits, H&Ps, chart notes, letters, imaging reports), coded as a new
 * practice would code them. Reports, per note and in total, whether header fields were read, whether an assessment
 * was found (a heading, one found by its content, or dictation with no headings read whole), whether a diagnosis
 * was coded, and whether the visit was auto-coded. There is no gold for these notes: this measures reading, not
 * correctness.
 */
import type { CodeSets } from '#core/codesets/index';
import { codeEncounter } from '#core/coding/index';
import { roledSections } from '#core/coding/text/sections';
import type { PracticeConfig } from '#core/config/practice-config';
import { parseCsv } from '#core/documents/csv/rfc4180';
import { parseClinicalNote } from '#core/documents/note/parse-note';

/**
 * An operative or procedure report announces itself with a capitalised heading naming the procedure, operation or
 * anaesthesia (`PROCEDURE PERFORMED:`, `...,OPERATION:,`); every other transcription is a visit, a consult, a letter
 * or a report a practice would code as an office note. Read from the raw text so the selection does not depend on
 * the parser being measured.
 */
const OPERATIVE_HEADING =
  /(?:^|[,.\n])\s*[A-Z /&-]*\b(?:PROCEDURES?|OPERATIONS?|OPERATIVE|ANESTHESIA)\b[A-Z /&-]*(?::|,(?=\S))/;

export interface SharedNote {
  index: string;
  sampleName: string;
  text: string;
}

export function outpatientNotes(csvText: string): SharedNote[] {
  const csv = parseCsv(csvText);
  if (!csv.ok) throw new Error(`MTSamples CSV: ${csv.message}`);
  return csv.records
    .map((record) => ({
      index: (record.cells[0] ?? '').trim(),
      sampleName: (record.cells[3] ?? '').trim(),
      text: record.cells[4] ?? '',
    }))
    .filter((note) => note.text.trim().length >= 200 && !OPERATIVE_HEADING.test(note.text));
}

export interface NoteReadingResult {
  index: string;
  sampleName: string;
  headerFields: number;
  assessment: 'heading' | 'inferred' | 'whole-note' | 'none';
  diagnoses: number;
  autoCoded: boolean;
  reviewReasons: string[];
}

export function readSharedNote(
  note: SharedNote,
  ports: { codeSets: CodeSets; config: PracticeConfig; date: string },
): NoteReadingResult {
  const base = { index: note.index, sampleName: note.sampleName };
  const parsed = parseClinicalNote(note.text, { key: `mtsamples/${note.index}` });
  if (!parsed.ok)
    return {
      ...base,
      headerFields: 0,
      assessment: 'none',
      diagnoses: 0,
      autoCoded: false,
      reviewReasons: [parsed.message],
    };
  const encounter = parsed.encounters[0]!;
  const headerFields = [
    encounter.patient.lastName,
    encounter.patient.birthDate,
    encounter.patient.sex,
    encounter.dateOfService,
    encounter.subscriber?.memberId,
    encounter.payer,
    encounter.renderingProvider,
  ].filter((value) => value !== undefined).length;
  const sections = roledSections(encounter.sections ?? []);
  const assessmentSection = sections.find((section) => section.role === 'assessment');
  const assessment =
    sections.length === 0
      ? 'whole-note'
      : !assessmentSection
        ? 'none'
        : assessmentSection.name.endsWith('(NO HEADING)')
          ? 'inferred'
          : 'heading';
  const coded = codeEncounter(encounter, ports);
  return {
    ...base,
    headerFields,
    assessment,
    diagnoses: coded.diagnoses.length,
    autoCoded: !coded.review.required,
    reviewReasons: coded.review.reasons.map((reason) => reason.category),
  };
}
