/** The view of an encounter the procedure rules share: note text, sentences, sections, age, payer type. */
import { GatedText } from '#core/coding/text/keyword-gate';
import type { Encounter, IsoDate, NoteSection } from '#core/documents/encounter';
import { reportsDone, type Span, sentencesOf } from './note-text.ts';

export interface NoteContext {
  encounter: Encounter;
  /** `noteText`, or '' for a structured document without text. */
  text: string;
  sentences: Span[];
  date: IsoDate;
  /** Whole years on the date of service, when the birth date is known. */
  ageYears?: number;
  /** Medicare Part B claim (filing indicator MB): G-codes replace some CPT codes (G0008, G2212). */
  medicare: boolean;
}

export function ageOn(birthDate: IsoDate | undefined, date: IsoDate): number | undefined {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age >= 0 ? age : undefined;
}

export function noteContext(encounter: Encounter, date: IsoDate, medicare: boolean): NoteContext {
  const text = encounter.noteText ?? '';
  const context: NoteContext = { encounter, text, sentences: sentencesOf(text), date, medicare };
  const age = ageOn(encounter.patient.birthDate, date);
  if (age !== undefined) context.ageYears = age;
  return context;
}

/** Sections whose body lists the problems assessed at the visit. */
const ASSESSMENT_SECTIONS = new Set([
  'ASSESSMENT',
  'ASSESSMENT AND PLAN',
  'IMPRESSION AND PLAN',
  'PROBLEMS (NO HEADING)',
  'NUMBERED LIST (NO HEADING)',
  'ASSESSMENT & PLAN',
  'A/P',
  'IMPRESSION',
  'DIAGNOSIS',
  'DIAGNOSES',
]);
const PLAN_SECTIONS = new Set(['PLAN', 'ASSESSMENT AND PLAN', 'ASSESSMENT & PLAN', 'A/P', 'IMPRESSION AND PLAN']);
const REASON_SECTIONS = new Set(['CHIEF COMPLAINT', 'CC', 'SUBJECTIVE', 'HPI', 'HISTORY OF PRESENT ILLNESS']);
/** History sections describe the past: a procedure or drug named there was not done at this visit. */
const HISTORY_SECTIONS = new Set([
  'PAST MEDICAL HISTORY',
  'PAST SURGICAL HISTORY',
  'PMH',
  'FAMILY HISTORY',
  'SOCIAL HISTORY',
  'MEDICATIONS',
  'ALLERGIES',
]);

export function sectionsNamed(context: NoteContext, names: ReadonlySet<string>): NoteSection[] {
  return (context.encounter.sections ?? []).filter((section) => names.has(section.name));
}

export const assessmentSections = (context: NoteContext) => sectionsNamed(context, ASSESSMENT_SECTIONS);
export const planSections = (context: NoteContext) => sectionsNamed(context, PLAN_SECTIONS);
export const reasonSections = (context: NoteContext) => sectionsNamed(context, REASON_SECTIONS);

/** Whether an offset falls in a history, medication or allergy list (never evidence of a service today). */
export function inHistorySection(context: NoteContext, offset: number): boolean {
  return (context.encounter.sections ?? []).some(
    (section) => HISTORY_SECTIONS.has(section.name) && offset >= section.start && offset < section.end,
  );
}

const CHIEF_COMPLAINT_SECTIONS = new Set(['CHIEF COMPLAINT', 'CC']);

/** Whether an offset is in the chief complaint: why the patient came, not what was done. */
export function inChiefComplaint(context: NoteContext, offset: number): boolean {
  return (context.encounter.sections ?? []).some(
    (section) => CHIEF_COMPLAINT_SECTIONS.has(section.name) && offset >= section.start && offset < section.end,
  );
}

/** The review of systems reports symptoms and the vital signs measurements: never a service or a test done. */
const SYMPTOM_AND_VITALS_SECTIONS = new Set(['ROS', 'REVIEW OF SYSTEMS', 'VITALS', 'VITAL SIGNS']);

/**
 * Sentences that can report a service done at this visit: not history lists, not the chief complaint, not the
 * review of systems or the vital signs. Section by section in one pass (sentences and sections are both in text
 * order), so a long note costs its length once.
 */
export function serviceSentences(context: NoteContext): Span[] {
  const excluded = (context.encounter.sections ?? []).filter(
    (section) =>
      HISTORY_SECTIONS.has(section.name) ||
      CHIEF_COMPLAINT_SECTIONS.has(section.name) ||
      SYMPTOM_AND_VITALS_SECTIONS.has(section.name),
  );
  // The last character decides: a sentence may begin with the section's own heading ("CC: here for ...").
  return context.sentences.filter(
    (s) => !excluded.some((section) => s.end - 1 >= section.start && s.end - 1 < section.end),
  );
}

const gatedCache = new WeakMap<NoteContext, GatedText>();

/**
 * The note's text with where the rules' keywords are (text/keyword-gate.ts), built once per note: a rule skips its
 * pattern in a sentence that has none of the pattern's words.
 */
export function gatedText(context: NoteContext): GatedText {
  let gated = gatedCache.get(context);
  if (!gated) {
    gated = new GatedText(context.text);
    gatedCache.set(context, gated);
  }
  return gated;
}

const dataCache = new WeakMap<NoteContext, Span[]>();

/**
 * Sentences that can report data of the visit (tests ordered or reviewed, records, discussions): all but the review
 * of systems and the vital signs, which report symptoms and measurements. Computed once per note.
 */
export function dataSentences(context: NoteContext): Span[] {
  let data = dataCache.get(context);
  if (!data) {
    const excluded = (context.encounter.sections ?? []).filter((section) =>
      SYMPTOM_AND_VITALS_SECTIONS.has(section.name),
    );
    data = context.sentences.filter(
      (s) => !excluded.some((section) => s.end - 1 >= section.start && s.end - 1 < section.end),
    );
    dataCache.set(context, data);
  }
  return data;
}

const doneCache = new WeakMap<NoteContext, Span[]>();

/** Service sentences that report something done at this visit; computed once per note for all the rules. */
export function doneSentences(context: NoteContext): Span[] {
  let done = doneCache.get(context);
  if (!done) {
    const gated = gatedText(context);
    done = serviceSentences(context).filter((s) => reportsDone(s.text, gated, s));
    doneCache.set(context, done);
  }
  return done;
}
