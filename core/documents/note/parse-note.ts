/**
 * Plain-text clinical note (docs/formats/clinical-note.md) to one Encounter: the header fields a claim needs, the
 * whole text as `noteText` (the coder's input, offsets unchanged) and its sections with their offsets.
 */
import type { Encounter, PostalAddress } from '../encounter.ts';
import { normalizeTin } from '../identifiers.ts';
import { type ParseResult, type ParseSource, parseFailure } from '../parse-result.ts';
import { findHeaderFields, type HeaderFieldMatch, readableWhere } from './header-fields.ts';
import { dateInValue, hasTenDigits, identifierInValue, nameInValue, npiInValue, sexInValue } from './header-values.ts';
import { findSectionHeadings, noteSections } from './note-signals.ts';
import {
  ASSESSMENT_SECTION_NAMES,
  INFERRED_LIST_SECTION,
  INFERRED_PROBLEMS_SECTION,
  type NoteHeaderField,
} from './note-vocabulary.ts';

/** Sections that hold the visit's assessment: by their heading, or found by their content (inferred-sections.ts). */
const NOTE_ASSESSMENT_SECTIONS: ReadonlySet<string> = new Set([
  ...ASSESSMENT_SECTION_NAMES,
  INFERRED_PROBLEMS_SECTION,
  INFERRED_LIST_SECTION,
]);

/** About 25 pages of dictation: beyond it a "note" is a chart export or a concatenation, not one visit. */
export const DEFAULT_MAX_NOTE_CHARS = 100_000;

const PLACE_OF_SERVICE_WORDS: Record<string, string> = {
  office: '11',
  home: '12',
  'urgent care': '20',
  'walk-in retail health clinic': '17',
};

const CREDENTIALS = /,?\s*\b(MD|DO|NP|PA-C|PA|FNP|FNP-C|DNP|RN|MBBS)\b\.?/gi;

function splitName(value: string): { lastName?: string; firstName?: string; middleName?: string } {
  const cleaned = value
    .replace(/^(dr|mr|mrs|ms)\.?\s+/i, '')
    .replace(CREDENTIALS, '')
    .trim();
  if (cleaned.includes(',')) {
    const [last, rest = ''] = cleaned.split(',', 2).map((part) => part.trim());
    const [first, ...middle] = rest.split(/\s+/).filter(Boolean);
    return {
      lastName: last,
      ...(first ? { firstName: first } : {}),
      ...(middle.length ? { middleName: middle.join(' ') } : {}),
    };
  }
  const words = cleaned.split(/\s+/).filter(Boolean);
  if (words.length === 0) return {};
  if (words.length === 1) return { lastName: words[0] };
  const middle = words.slice(1, -1);
  return {
    firstName: words[0],
    lastName: words[words.length - 1],
    ...(middle.length ? { middleName: middle.join(' ') } : {}),
  };
}

function placeOfServiceOf(value: string): string | undefined {
  const code = /^(\d{2})\b/.exec(value.trim());
  if (code) return code[1];
  return PLACE_OF_SERVICE_WORDS[value.trim().toLowerCase()];
}

function minutesOf(value: string): number | undefined {
  const match = /^(\d{1,3})\s*(minutes?|mins?|m)?\b/i.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** Minutes written with their unit (`25 min`, `25 minutes`): under a bare `Time:` label a number alone is a clock. */
function minutesWithUnitOf(value: string): number | undefined {
  const match = /^(\d{1,3})\s*(?:minutes?|mins?)\b/i.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** Whether a visit is written as a new patient's (true), an established one's (false), or neither (undefined). */
function newPatientOf(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (/\bnew\b/.test(lower)) return true;
  if (/\best(?:ablished|\.|\b)/.test(lower)) return false;
  return undefined;
}

/** `Sandbox Health Plan (SANDBOX1)` carries both; a bare upper-case token is a payer id. */
function payerOf(value: string): { payerId?: string; name?: string } {
  const withId = /^(.*?)\s*\(([A-Z0-9]{2,15})\)\s*$/.exec(value);
  if (withId) return { ...(withId[1] ? { name: withId[1] } : {}), payerId: withId[2]! };
  if (/^[A-Z0-9]{2,15}$/.test(value)) return { payerId: value };
  return { name: value };
}

/**
 * `218 Cedar Ln, Apt 2, Springfield, IL 62704-1234` (the 837P needs the patient's address when the patient is the
 * subscriber, 2010BA N3/N4): one or two street lines, city, two-letter state and ZIP, comma separated on one line.
 */
function postalAddressOf(value: string): PostalAddress | undefined {
  const match = /^(.+),\s*([^,]+?),?\s+([A-Za-z]{2})\s+(\d{5})(?:-?(\d{4}))?$/.exec(value.trim());
  if (!match) return undefined;
  const lines = match[1]!.split(',').map((line) => line.trim());
  if (lines.length > 2 || lines.some((line) => line === '')) return undefined;
  return { lines, city: match[2]!.trim(), state: match[3]!.toUpperCase(), postalCode: match[4]! + (match[5] ?? '') };
}

/** Said when a header field's value is not what its label promises: the field is left out. */
function unreadable(warnings: string[], label: string, expected: string): void {
  warnings.push(`header field "${label}" could not be read (expected ${expected}); left out`);
}

/** The NPI of an NPI field, or undefined (with a warning when something else is written there). */
function npiField(
  fields: ReadonlyMap<NoteHeaderField, HeaderFieldMatch>,
  warnings: string[],
  field: NoteHeaderField,
  label: string,
): string | undefined {
  const written = fields.get(field)?.value;
  if (!written) return undefined;
  const npi = npiInValue(written);
  if (npi) return npi;
  warnings.push(`header field "${label}" is not a valid NPI (10 digits with a Luhn check digit); left out`);
  return undefined;
}

export interface NoteParseOptions {
  maxChars?: number;
}

export function parseClinicalNote(text: string, source: ParseSource, options?: NoteParseOptions): ParseResult {
  const maxChars = options?.maxChars ?? DEFAULT_MAX_NOTE_CHARS;
  if (text.length > maxChars) {
    return parseFailure(
      'note_too_large',
      `clinical note is ${text.length} characters; one visit's note is limited to ${maxChars} (split chart exports into one note per visit)`,
    );
  }
  if (text.trim() === '') return parseFailure('empty_note', 'clinical note has no text');
  const warnings: string[] = [];
  const headings = findSectionHeadings(text);
  const sections = noteSections(text, headings);
  const headerEnd = headings[0]?.headingStart ?? text.length;
  // The header's own fields first (in order), then those written further down: the first occurrence wins.
  const fields = new Map<NoteHeaderField, HeaderFieldMatch>();
  const inHeader: HeaderFieldMatch[] = [];
  const further: HeaderFieldMatch[] = [];
  for (const match of findHeaderFields(text)) {
    if (match.value === '' || !readableWhere(match, headerEnd)) continue;
    if (match.labelStart < headerEnd || match.onFieldLine) inHeader.push(match);
    else further.push(match);
  }
  for (const match of [...inHeader, ...further]) if (!fields.has(match.field)) fields.set(match.field, match);

  const encounter: Encounter = {
    source: { key: source.key, format: 'clinical-note', index: 0 },
    patient: {},
    diagnoses: [],
    procedures: [],
    noteText: text,
  };
  if (sections.length > 0) encounter.sections = sections;
  // Said here, in the reader's words, so the note goes to review for what it lacks (the coder says the same).
  if (sections.length > 0 && !sections.some((section) => NOTE_ASSESSMENT_SECTIONS.has(section.name)))
    warnings.push(
      'no assessment found: no heading names an assessment, impression or diagnosis, and no numbered problem list or diagnosis statement stands for one',
    );

  const patientName = fields.get('patient')?.value;
  if (patientName) Object.assign(encounter.patient, splitName(nameInValue(patientName)));
  const dob = fields.get('dob')?.value;
  if (dob) {
    const date = dateInValue(dob);
    if (date) encounter.patient.birthDate = date;
    else unreadable(warnings, 'DOB', 'YYYY-MM-DD or MM/DD/YYYY');
  }
  const sex = fields.get('sex')?.value;
  if (sex) {
    const parsed = sexInValue(sex);
    if (parsed) encounter.patient.sex = parsed;
    else unreadable(warnings, 'Sex', 'F, M, female, male or unknown');
  }
  const mrn = fields.get('mrn')?.value;
  if (mrn) encounter.patient.mrn = identifierInValue(mrn) ?? mrn;
  const address = fields.get('address')?.value;
  if (address) {
    const parsed = postalAddressOf(address);
    if (parsed) encounter.patient.address = parsed;
    else unreadable(warnings, 'Address', '"street[, line 2], city, ST ZIP" on one line');
  }
  const dateOfService = fields.get('dateOfService')?.value;
  if (dateOfService) {
    const date = dateInValue(dateOfService);
    if (date) encounter.dateOfService = date;
    else unreadable(warnings, 'Date of service', 'YYYY-MM-DD or MM/DD/YYYY');
  }
  const memberIdValue = fields.get('memberId')?.value;
  const memberId = memberIdValue ? identifierInValue(memberIdValue) : undefined;
  if (memberIdValue && !memberId) unreadable(warnings, 'Member ID', 'the identifier on the card');
  const groupNumberValue = fields.get('groupNumber')?.value;
  const groupNumber = groupNumberValue ? identifierInValue(groupNumberValue) : undefined;
  if (memberId || groupNumber) {
    encounter.subscriber = { ...(memberId ? { memberId } : {}), ...(groupNumber ? { groupNumber } : {}) };
  }
  const payer = fields.get('payer')?.value;
  if (payer) encounter.payer = payerOf(payer);

  const providerValue = fields.get('provider')?.value;
  const providerName = providerValue ? nameInValue(providerValue) : undefined;
  // `Rendering: Lena Ortiz, MD NPI 1456789019` carries the NPI in the provider's own field.
  const npiBesideName = providerValue && hasTenDigits(providerValue) ? npiInValue(providerValue) : undefined;
  const renderingNpi = npiField(fields, warnings, 'providerNpi', 'Provider NPI') ?? npiBesideName;
  if (providerName || renderingNpi) {
    encounter.renderingProvider = {
      ...(providerName ? splitName(providerName) : {}),
      ...(renderingNpi ? { npi: renderingNpi } : {}),
    };
  }
  const billingNpi = npiField(fields, warnings, 'billingNpi', 'Billing NPI');
  const billingTinValue = fields.get('billingTin')?.value;
  const billingTin = billingTinValue ? normalizeTin(billingTinValue) : undefined;
  if (billingTinValue && !billingTin) unreadable(warnings, 'Billing TIN', 'a 9-digit TIN');
  if (billingNpi || billingTin) {
    encounter.billingProvider = {
      ...(billingNpi ? { npi: billingNpi } : {}),
      ...(billingTin ? { tin: billingTin } : {}),
    };
  }
  const placeOfService = fields.get('placeOfService')?.value;
  if (placeOfService) {
    const code = placeOfServiceOf(placeOfService);
    if (code) encounter.placeOfService = code;
    else unreadable(warnings, 'Place of service', 'a 2-digit CMS code such as 11, or "office"');
  }
  const visitType = fields.get('visitType')?.value;
  if (visitType) {
    const newPatient = newPatientOf(visitType);
    if (newPatient !== undefined) encounter.newPatient = newPatient;
    else unreadable(warnings, 'Visit type', '"new" or "established"');
  }
  // `Visit: Established patient` or `Visit: 10/16/2026 office`: what it holds of either, where nothing else said it.
  const visit = fields.get('visit')?.value;
  if (visit) {
    const newPatient = newPatientOf(visit);
    if (encounter.newPatient === undefined && newPatient !== undefined) encounter.newPatient = newPatient;
    const date = encounter.dateOfService ? undefined : dateInValue(visit);
    if (date) encounter.dateOfService = date;
  }
  const totalTime = fields.get('totalTime');
  if (totalTime?.label === 'time') {
    const minutes = minutesWithUnitOf(totalTime.value);
    if (minutes !== undefined) encounter.totalTimeMinutes = minutes;
  } else if (totalTime) {
    const minutes = minutesOf(totalTime.value);
    if (minutes !== undefined) encounter.totalTimeMinutes = minutes;
    else unreadable(warnings, 'Total time', 'a number of minutes such as "25 minutes"');
  }
  return { ok: true, encounters: [encounter], warnings };
}
