/** Shared arrangements for coder specs: starter code sets, the sample practice, notes built from a body. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { starterCodeSets } from '#core/codesets/starter/index';
import type { CodedDiagnosis, CodedEncounter } from '#core/coding/coded-encounter';
import type { DiagnosisCoder } from '#core/coding/diagnosis-port';
import { codeEncounterWith } from '#core/coding/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import type { Encounter } from '#core/documents/encounter';
import { parseClinicalNote } from '#core/documents/note/parse-note';

/** The gold set's practice (eval/coding/practice.json), stable whatever happens to the shared sample. */
export const PRACTICE_CONFIG_PATH = fileURLToPath(new URL('../../../eval/coding/practice.json', import.meta.url));
export const config = parsePracticeConfig(
  JSON.parse(readFileSync(PRACTICE_CONFIG_PATH, 'utf8')),
  'eval/coding/practice.json',
);
export const codeSets = starterCodeSets();

export interface HeaderOptions {
  dob?: string;
  payer?: 'commercial' | 'medicare';
  visit?: 'new' | 'established' | 'none';
  date?: string;
}

/** A complete note header (every claim field present), so that only the body decides the coding. */
export function noteText(body: string, options: HeaderOptions = {}): string {
  const header = [
    'Patient: Sample, Pat',
    `DOB: ${options.dob ?? '1970-05-05'}`,
    'Sex: F',
    `Date of service: ${options.date ?? '2026-11-02'}`,
    'Member ID: SBX000111',
    `Payer: ${options.payer === 'medicare' ? 'Medicare Part B (MEDICR)' : 'Sandbox Health Plan (SANDBOX1)'}`,
    'Provider: Adaeze Okafor, MD',
    'Provider NPI: 1456789019',
    'Billing NPI: 1234567893',
    'Place of service: 11',
  ];
  if (options.visit !== 'none') header.push(`Visit type: ${options.visit ?? 'established'}`);
  return `${header.join('\n')}\n\n${body.trim()}\n`;
}

export function noteEncounter(body: string, options: HeaderOptions = {}): Encounter {
  const parsed = parseClinicalNote(noteText(body, options), { key: 'spec.txt' });
  if (!parsed.ok) throw new Error(`spec note did not parse: ${parsed.message}`);
  return parsed.encounters[0]!;
}

/** A diagnosis coder that answers fixed codes, so procedure specs do not depend on diagnosis rules. */
export function fixedDiagnoses(codes: readonly string[], confidence = 0.95): DiagnosisCoder {
  return () => ({
    diagnoses: codes.map(
      (code): CodedDiagnosis => ({
        code,
        confidence,
        evidence: [{ kind: 'field', path: 'spec', rule: 'spec.fixed' }],
        codeSetVersion: 'spec',
      }),
    ),
    reviewReasons: [],
    excluded: [],
  });
}

export function codeNote(body: string, diagnoses: readonly string[], options: HeaderOptions = {}): CodedEncounter {
  return codeEncounterWith(noteEncounter(body, options), { codeSets, config }, fixedDiagnoses(diagnoses));
}

/** Lines as `code-MOD xUNITS`, the way a coder reads a claim. */
export function lineKeys(coded: CodedEncounter): string[] {
  return coded.lines.map((l) => `${[l.code, ...l.modifiers].join('-')} x${l.units}`);
}
