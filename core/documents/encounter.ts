/**
 * The normalized visit, whatever the source document was. Parsers in core/documents produce it; the coder reads it.
 * Fields a biller needs are optional here on purpose: a parser never invents data, and whatever a source lacks is
 * reported as missing information downstream (see `missingInformation`).
 */
import type { Cents } from '#core/kernel/money';

/** Calendar date, YYYY-MM-DD. Dates of service are never timestamps. */
export type IsoDate = string;

export type DocumentFormat = 'fhir-r4' | 'hl7v2' | 'csv-superbill' | 'claimflow-json' | 'clinical-note';

export type AdministrativeSex = 'F' | 'M' | 'U';

export interface PostalAddress {
  lines: string[];
  city?: string;
  state?: string;
  /** 5 or 9 digits, no hyphen. */
  postalCode?: string;
}

export interface Person {
  lastName?: string;
  firstName?: string;
  middleName?: string;
  /** Jr, Sr, II, III... (the 837P's NM107). */
  suffix?: string;
  birthDate?: IsoDate;
  sex?: AdministrativeSex;
  address?: PostalAddress;
}

export interface Patient extends Person {
  /** The practice's medical record number, if the source carries one. */
  mrn?: string;
  /** Patient's relationship to the subscriber, X12 code (18 self, 01 spouse, 19 child, G8 other). */
  relationshipToSubscriber?: string;
}

export interface Subscriber extends Person {
  memberId?: string;
  groupNumber?: string;
}

export interface PayerRef {
  /** The payer id the clearinghouse routes on (2010BB NM109). */
  payerId?: string;
  name?: string;
  /** Claim filing indicator (SBR09): CI commercial, MB Medicare Part B, MC Medicaid, BL BCBS, ... */
  filingIndicator?: string;
  /** P primary, S secondary, T tertiary. */
  responsibility?: 'P' | 'S' | 'T';
}

export interface ProviderRef {
  npi?: string;
  taxonomy?: string;
  /** Employer identification number (TIN), 9 digits. */
  tin?: string;
  organizationName?: string;
  lastName?: string;
  firstName?: string;
  address?: PostalAddress;
}

/** Where a piece of data came from inside the source document. */
export interface SourceLocation {
  /** Structured path, e.g. `Condition[3].code.coding[0]`, `FT1[2].7`, `row 4, column cpt`. */
  path?: string;
  /** Character offsets (UTF-16 code units, as JavaScript strings index) into `Encounter.noteText`. */
  start?: number;
  end?: number;
}

/** A code the source itself asserted (a structured diagnosis or procedure), before the coder has judged it. */
export interface SourceCode {
  /** `CVX`: CDC vaccine codes, as FHIR Immunization records them (the coder maps them to CPT vaccine products). */
  system: 'ICD-10-CM' | 'CPT' | 'HCPCS' | 'SNOMED-CT' | 'ICD-9-CM' | 'LOINC' | 'CVX' | 'other';
  code: string;
  display?: string;
  location: SourceLocation;
}

export interface SourceProcedure extends SourceCode {
  modifiers?: string[];
  units?: number;
  chargeCents?: Cents;
  /** Date of this service if it differs from the encounter's. */
  serviceDate?: IsoDate;
  /** Diagnosis codes the source links this procedure to, in its own order. */
  diagnosisCodes?: string[];
}

export interface DocumentRef {
  /** S3 key (or file path for the CLI) of the source document. */
  key: string;
  format: DocumentFormat;
  /** Position of this encounter inside the document: 0 for single-visit documents. */
  index: number;
  /** Id of the visit in the source, if any (FHIR Encounter.id, PV1-19 visit number, ...). */
  sourceId?: string;
  /**
   * SHA-256 (hex) of the document's text: the same document names the same claims whether it arrives as an upload
   * or through `claimflow code` (core/claims/build-claim derives CLM01 from it).
   */
  digest?: string;
}

export interface Encounter {
  source: DocumentRef;
  patient: Patient;
  subscriber?: Subscriber;
  payer?: PayerRef;
  billingProvider?: ProviderRef;
  renderingProvider?: ProviderRef;
  referringProvider?: ProviderRef;
  /** CMS place of service code, 2 digits (11 office, 02/10 telehealth, 22 outpatient hospital...). */
  placeOfService?: string;
  dateOfService?: IsoDate;
  dateOfServiceEnd?: IsoDate;
  /** true when the patient is new to the practice (no professional service in 3 years), false when established. */
  newPatient?: boolean;
  /** Total time the practitioner spent on the date of the encounter, minutes, if documented in structure. */
  totalTimeMinutes?: number;
  diagnoses: SourceCode[];
  procedures: SourceProcedure[];
  /** Free clinical text (note, assessment and plan), the coder's main input when codes are absent. */
  noteText?: string;
  /** Sections of `noteText` (CHIEF COMPLAINT, HPI, ASSESSMENT AND PLAN, ...): heading and body offsets, end exclusive. */
  sections?: NoteSection[];
  /** Prior authorization number, if the source carries one. */
  priorAuthorization?: string;
}

/** A titled part of the note text; `start`/`end` delimit its body in `Encounter.noteText` (UTF-16 code units). */
export interface NoteSection {
  /** Canonical upper-case heading, e.g. `ASSESSMENT AND PLAN` for `A/P:` (docs/formats/clinical-note.md). */
  name: string;
  start: number;
  end: number;
}

/** A field a claim needs that the document did not supply. */
export interface MissingInformation {
  field: string;
  message: string;
}
