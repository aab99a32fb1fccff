/**
 * A coder's or biller's change to what a claim bills: its diagnoses (the whole list, in order: pointer 1 is the first),
 * line codes, modifiers, units, charges and pointers, lines added or removed, and the few billing facts a rejection
 * asks to fix (member id, prior authorization, place of service). Applied purely; every code and number is checked
 * for its form here (the edit library checks validity on the date of service when the claim is scrubbed again).
 * Whatever the person changed carries "manual" evidence with full confidence in place of the machine's.
 */

import { MAX_CLAIM_DIAGNOSES } from '#core/claims/build-claim';
import type { Claim } from '#core/claims/claim';
import type { CodedDiagnosis, Evidence } from '#core/coding/coded-encounter';
import { invalid } from './errors.ts';

export interface LineChange {
  /** 1-based line number, as `claims show` numbers lines. */
  line: number;
  code?: string;
  modifiers?: string[];
  units?: number;
  chargeCents?: number;
  /** 1-based pointers into the (new) diagnosis list, first is primary; at most 4. */
  pointers?: number[];
}

export interface NewLine {
  code: string;
  modifiers?: string[];
  units: number;
  chargeCents: number;
  pointers: number[];
  /** Default: the claim's first date of service. */
  serviceDate?: string;
}

export interface ClaimChanges {
  diagnoses?: string[];
  lines?: LineChange[];
  addLines?: NewLine[];
  /** 1-based line numbers to remove. */
  removeLines?: number[];
  memberId?: string;
  /** A number, or null to remove it. */
  priorAuthorization?: string | null;
  placeOfService?: string;
}

export const MANUAL_EVIDENCE: Evidence = { kind: 'field', path: 'manual', rule: 'manual' };

const ICD10CM = /^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$/;
const CPT = /^\d{4}[0-9FTU]$/;
const HCPCS = /^[A-V]\d{4}$/;
const MODIFIER = /^[0-9A-Z]{2}$/;
const MEMBER_ID = /^[A-Za-z0-9-]{2,80}$/;
const PRIOR_AUTH = /^[A-Za-z0-9-]{1,50}$/;
const POS = /^\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LINES = 50;
const MAX_UNITS = 9999;

type Line = Claim['lines'][number];

/** The changed claim and the fields changed (names only: the event's reason never carries a member id). */
export function applyChanges(claim: Claim, changes: ClaimChanges): { claim: Claim; changed: string[] } {
  const changed: string[] = [];
  const oldCodes = claim.diagnoses.map((d) => d.code);
  let diagnoses = claim.diagnoses;
  if (changes.diagnoses !== undefined) {
    diagnoses = newDiagnoses(claim, changes.diagnoses);
    if (diagnoses.map((d) => d.code).join() !== oldCodes.join()) changed.push('diagnoses');
  }
  const newIndex = new Map(diagnoses.map((d, i) => [normalize(d.code), i + 1]));
  const remap = (pointers: number[]) =>
    pointers.flatMap((p) => {
      const code = oldCodes[p - 1];
      const index = code === undefined ? undefined : newIndex.get(normalize(code));
      return index === undefined ? [] : [index];
    });

  const removed = new Set(checkLineNumbers(changes.removeLines ?? [], claim.lines.length, 'removeLines'));
  const edits = new Map<number, LineChange>();
  for (const edit of changes.lines ?? []) {
    checkLineNumbers([edit.line], claim.lines.length, 'lines[].line');
    if (edits.has(edit.line)) throw invalid(`line ${edit.line} is changed twice; give each line's changes once`);
    if (removed.has(edit.line)) throw invalid(`line ${edit.line} is both changed and removed`);
    edits.set(edit.line, edit);
  }

  const lines: Line[] = [];
  claim.lines.forEach((line, i) => {
    const number = i + 1;
    if (removed.has(number)) {
      changed.push(`lines[${number}] removed`);
      return;
    }
    const edit = edits.get(number);
    const pointers = edit?.pointers ?? remap(line.diagnosisPointers);
    const next: Line = {
      ...line,
      ...(edit?.code !== undefined && { code: procedureCode(edit.code), system: systemOf(procedureCode(edit.code)) }),
      ...(edit?.modifiers !== undefined && { modifiers: modifiers(edit.modifiers) }),
      ...(edit?.units !== undefined && { units: units(edit.units) }),
      ...(edit?.chargeCents !== undefined && { chargeCents: charge(edit.chargeCents) }),
      diagnosisPointers: checkPointers(pointers, diagnoses.length, `line ${number}`),
    };
    const fields = lineFieldsChanged(
      line,
      next,
      oldCodes,
      diagnoses.map((d) => d.code),
    );
    if (fields.length > 0) {
      changed.push(...fields.map((f) => `lines[${number}].${f}`));
      lines.push({ ...next, confidence: 1, evidence: [MANUAL_EVIDENCE] });
    } else lines.push(next);
  });

  const firstDate = claim.lines.map((l) => l.serviceDate).find((d) => d !== undefined);
  let suffix = Math.max(0, ...claim.lines.map((l) => Number(l.controlNumber.split('-').at(-1)) || 0));
  for (const [i, added] of (changes.addLines ?? []).entries()) {
    const code = procedureCode(added.code);
    const serviceDate = added.serviceDate ?? firstDate;
    if (serviceDate !== undefined && !DATE.test(serviceDate))
      throw invalid(`addLines[${i + 1}].serviceDate must be YYYY-MM-DD`);
    lines.push({
      code,
      system: systemOf(code),
      modifiers: modifiers(added.modifiers ?? []),
      units: units(added.units),
      chargeCents: charge(added.chargeCents),
      diagnosisPointers: checkPointers(added.pointers, diagnoses.length, `added line ${i + 1}`),
      ...(serviceDate !== undefined && { serviceDate }),
      confidence: 1,
      evidence: [MANUAL_EVIDENCE],
      codeSetVersion: claim.lines[0]?.codeSetVersion ?? 'manual',
      controlNumber: `${claim.id}-${++suffix}`,
    });
    changed.push(`lines[${lines.length}] added`);
  }
  if (lines.length === 0) throw invalid('a claim needs at least one service line; void it instead of removing all');
  if (lines.length > MAX_LINES) throw invalid(`a claim carries at most ${MAX_LINES} service lines`);

  let next: Claim = { ...claim, diagnoses, lines, totalChargeCents: lines.reduce((n, l) => n + l.chargeCents, 0) };
  if (changes.memberId !== undefined) {
    if (!MEMBER_ID.test(changes.memberId)) throw invalid('memberId must be 2-80 letters, digits or hyphens');
    if (changes.memberId !== claim.subscriber.memberId) changed.push('subscriber.memberId');
    next = { ...next, subscriber: { ...next.subscriber, memberId: changes.memberId } };
  }
  if (changes.priorAuthorization !== undefined) {
    const { priorAuthorization: _old, ...rest } = next;
    if (changes.priorAuthorization === null) next = rest;
    else if (!PRIOR_AUTH.test(changes.priorAuthorization))
      throw invalid('priorAuthorization must be 1-50 letters, digits or hyphens');
    else next = { ...rest, priorAuthorization: changes.priorAuthorization };
    if (next.priorAuthorization !== claim.priorAuthorization) changed.push('priorAuthorization');
  }
  if (changes.placeOfService !== undefined) {
    if (!POS.test(changes.placeOfService)) throw invalid('placeOfService is a two-digit CMS place of service code');
    if (changes.placeOfService !== claim.placeOfService) changed.push('placeOfService');
    next = { ...next, placeOfService: changes.placeOfService };
  }
  return { claim: next, changed };
}

function newDiagnoses(claim: Claim, codes: string[]): CodedDiagnosis[] {
  if (codes.length === 0) throw invalid('a claim needs at least one diagnosis');
  if (codes.length > MAX_CLAIM_DIAGNOSES) throw invalid(`a claim carries at most ${MAX_CLAIM_DIAGNOSES} diagnoses`);
  const existing = new Map(claim.diagnoses.map((d) => [normalize(d.code), d]));
  const seen = new Set<string>();
  return codes.map((raw) => {
    const code = raw.trim().toUpperCase();
    if (!ICD10CM.test(code))
      throw invalid(`"${raw}" is not an ICD-10-CM code (a letter, two characters, up to four more)`);
    const key = normalize(code);
    if (seen.has(key)) throw invalid(`diagnosis ${code} is listed twice`);
    seen.add(key);
    const kept = existing.get(key);
    if (kept) return kept;
    return {
      code: dotted(code),
      confidence: 1,
      evidence: [MANUAL_EVIDENCE],
      codeSetVersion: claim.diagnoses[0]?.codeSetVersion ?? 'manual',
    };
  });
}

/** Pointers count as changed when they name other diagnoses, not when a diagnosis list change renumbers them. */
function lineFieldsChanged(before: Line, after: Line, oldCodes: string[], newCodes: string[]): string[] {
  const fields: string[] = [];
  if (before.code !== after.code) fields.push('code');
  if (before.modifiers.join() !== after.modifiers.join()) fields.push('modifiers');
  if (before.units !== after.units) fields.push('units');
  if (before.chargeCents !== after.chargeCents) fields.push('chargeCents');
  const pointed = (pointers: number[], codes: string[]) => pointers.map((p) => normalize(codes[p - 1] ?? '')).join();
  if (pointed(before.diagnosisPointers, oldCodes) !== pointed(after.diagnosisPointers, newCodes))
    fields.push('diagnosisPointers');
  return fields;
}

function checkLineNumbers(numbers: number[], count: number, field: string): number[] {
  for (const n of numbers)
    if (!Number.isInteger(n) || n < 1 || n > count)
      throw invalid(`${field}: line ${n} does not exist (the claim has ${count} line(s), numbered from 1)`);
  return numbers;
}

function checkPointers(pointers: number[], diagnoses: number, where: string): number[] {
  if (pointers.length === 0)
    throw invalid(`${where} points to no diagnosis (its diagnoses were removed): give it pointers`);
  if (pointers.length > 4) throw invalid(`${where}: a line points to at most 4 diagnoses`);
  if (new Set(pointers).size !== pointers.length) throw invalid(`${where}: a pointer is repeated`);
  for (const p of pointers)
    if (!Number.isInteger(p) || p < 1 || p > diagnoses)
      throw invalid(`${where}: pointer ${p} is not a diagnosis on the claim (1 to ${diagnoses})`);
  return pointers;
}

function procedureCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!CPT.test(code) && !HCPCS.test(code))
    throw invalid(
      `"${raw}" is not a CPT (five digits, or four and F/T/U) or HCPCS Level II (a letter and four digits) code`,
    );
  return code;
}

function systemOf(code: string): 'CPT' | 'HCPCS' {
  return CPT.test(code) ? 'CPT' : 'HCPCS';
}

function modifiers(values: string[]): string[] {
  if (values.length > 4) throw invalid('a line carries at most 4 modifiers');
  const upper = values.map((m) => m.trim().toUpperCase());
  for (const m of upper) if (!MODIFIER.test(m)) throw invalid(`"${m}" is not a modifier (two letters or digits)`);
  if (new Set(upper).size !== upper.length) throw invalid('a modifier is repeated on the line');
  return upper;
}

function units(value: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > MAX_UNITS || Math.round(value * 1000) !== value * 1000)
    throw invalid(`units must be more than 0 and at most ${MAX_UNITS}, with at most three decimals`);
  return value;
}

function charge(cents: number): number {
  if (!Number.isSafeInteger(cents) || cents <= 0) throw invalid('a line charge is a positive whole number of cents');
  return cents;
}

function normalize(code: string): string {
  return code.replace('.', '').toUpperCase();
}

function dotted(code: string): string {
  return code.length > 3 && !code.includes('.') ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}
