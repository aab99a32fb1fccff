/** Arrangements for diagnosis coding specs: a note parsed by the real note parser, coded with the starter bundle. */

import type { CodeSets } from '#core/codesets/index';
import { starterCodeSets } from '#core/codesets/starter/index';
import { codeDiagnoses, type DiagnosisCoding } from '#core/coding/diagnoses/index';
import type { Encounter } from '#core/documents/encounter';
import { parseClinicalNote } from '#core/documents/note/parse-note';

export const codeSets = starterCodeSets();
export const DATE = '2026-11-02';

export interface NoteParts {
  cc?: string;
  hpi?: string;
  medications?: string;
  familyHistory?: string;
  pastHistory?: string;
  socialHistory?: string;
  assessment?: string[];
  plan?: string;
  dob?: string;
}

export function noteOf(parts: NoteParts): string {
  const lines = ['Patient: Sample, Pat', `DOB: ${parts.dob ?? '1970-05-05'}`, 'Sex: F', `Date of service: ${DATE}`, ''];
  if (parts.cc) lines.push(`CHIEF COMPLAINT: ${parts.cc}`);
  if (parts.hpi) lines.push(`HPI: ${parts.hpi}`);
  if (parts.pastHistory) lines.push(`PAST MEDICAL HISTORY: ${parts.pastHistory}`);
  if (parts.familyHistory) lines.push(`FAMILY HISTORY: ${parts.familyHistory}`);
  if (parts.socialHistory) lines.push(`SOCIAL HISTORY: ${parts.socialHistory}`);
  if (parts.medications) lines.push(`MEDICATIONS: ${parts.medications}`);
  if (parts.assessment) lines.push('ASSESSMENT:', ...parts.assessment);
  if (parts.plan) lines.push(`PLAN: ${parts.plan}`);
  return `${lines.join('\n')}\n`;
}

export function encounterOf(text: string): Encounter {
  const parsed = parseClinicalNote(text, { key: 'spec-note.txt' });
  if (!parsed.ok) throw new Error(`spec note did not parse: ${parsed.message}`);
  return parsed.encounters[0]!;
}

export function codeNote(parts: NoteParts, release: CodeSets = codeSets): DiagnosisCoding & { text: string } {
  const text = noteOf(parts);
  return { ...codeDiagnoses(encounterOf(text), { codeSets: release, date: DATE }), text };
}

/** The starter release as if it lacked some ICD-10-CM codes: how the coder behaves when a release has no such code. */
export function releaseWithout(missing: readonly string[]): CodeSets {
  const gone = new Set(missing.map((code) => code.replace('.', '')));
  const absent = (code: string) => gone.has(code.replace('.', '').toUpperCase());
  const icd = codeSets.icd10cm;
  const icd10cm: CodeSets['icd10cm'] = Object.assign(Object.create(icd) as CodeSets['icd10cm'], {
    lookup: (code: string, date: string) => (absent(code) ? undefined : icd.lookup(code, date)),
    isValid: (code: string, date: string) => !absent(code) && icd.isValid(code, date),
    isBillable: (code: string, date: string) => !absent(code) && icd.isBillable(code, date),
    title: (code: string, date: string) => (absent(code) ? undefined : icd.title(code, date)),
    children: (code: string, date: string) => icd.children(code, date).filter((child) => !absent(child.code)),
  });
  return Object.assign(Object.create(codeSets) as CodeSets, { icd10cm });
}

/** Codes only, first-listed first. */
export function codesOf(parts: NoteParts): string[] {
  return codeNote(parts).diagnoses.map((diagnosis) => diagnosis.code);
}

/** The assessment line coded on its own. */
export function codesOfAssessment(...lines: string[]): string[] {
  return codesOf({ assessment: lines });
}
