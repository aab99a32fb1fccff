/**
 * Test setup for the edit library: code sets (the starter bundle plus the scrubbing fixtures in their exact CMS/CDC
 * layouts, compiled by the real importer into a temporary bundle), the sample practice configuration and the
 * shipped payer rules, and claims written in the compact fixture form (test/fixtures/scrubbing/README.md).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { Claim, ClaimStatus } from '#core/claims/claim';
import { createCodeSets } from '#core/codesets/code-sets';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import type { CodeSets } from '#core/codesets/index';
import { starterReleaseSources } from '#core/codesets/starter/index';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import type { Patient, PayerRef, ProviderRef, Subscriber } from '#core/documents/encounter';
import type { ScrubPorts } from '#core/scrubbing/edit';
import type { Finding } from '#core/scrubbing/finding';
import { scrubClaim } from '#core/scrubbing/index';
import { InMemoryPriorClaims } from '#core/scrubbing/prior-claims';
import type { DrugIdentification } from '#core/x12/837p/claim-837p';
import { readBundleDirectory, writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const SCRUB_FIXTURES = join(REPO, 'test', 'fixtures', 'scrubbing');
export const TODAY = '2026-11-23';
/** Q4 2026: covered by the fixture NCCI releases (v32.3, MUE 10-01-2026) and the FY2027 tabular fixture. */
export const DOS = '2026-11-02';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Compiles published-layout files into a temporary bundle directory with the real importer. */
export function importFiles(paths: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimflow-scrub-'));
  temporary.push(dir);
  const inputs = paths.map((path) => ({ name: basename(path), bytes: readFileSync(path) }));
  writeReleasesAtomically(dir, compileReleaseFiles(inputs, { compiledAt: '2026-11-23T00:00:00.000Z' }));
  return dir;
}

let shared: CodeSets | undefined;

/** Starter bundle + the scrubbing fixtures (ICD-10-CM FY2027 tabular extract, NCCI PTP v32.3 and MUE Q4 2026). */
export function scrubCodeSets(): CodeSets {
  if (shared) return shared;
  const dir = importFiles([
    join(SCRUB_FIXTURES, 'icd10cm', 'icd10cm_tabular_2027.xml'),
    join(SCRUB_FIXTURES, 'ncci', 'ccipra-v323r0-f1.txt'),
    join(SCRUB_FIXTURES, 'ncci', 'ccipra-v323r0-f2.txt'),
    join(SCRUB_FIXTURES, 'ncci', 'MCR_MUE_PractitionerServices_Eff_10-01-2026.csv'),
  ]);
  shared = createCodeSets([...starterReleaseSources(), ...readBundleDirectory(dir)]);
  return shared;
}

export function sampleConfig(): PracticeConfig {
  return parsePracticeConfig(
    JSON.parse(readFileSync(join(REPO, 'config', 'practice.sample.json'), 'utf8')),
    'practice.sample.json',
  );
}

export function testPorts(overrides: Partial<ScrubPorts> = {}): ScrubPorts {
  return {
    codeSets: scrubCodeSets(),
    config: sampleConfig(),
    payerRules: loadPayerRulesDirectory(join(REPO, 'config', 'payer-rules')),
    today: TODAY,
    priorClaims: new InMemoryPriorClaims(),
    ...overrides,
  };
}

/** A service line as fixtures write it. */
export interface CompactLine {
  code: string;
  modifiers?: string[];
  units?: number;
  chargeCents: number;
  diagnosisPointers: number[];
  serviceDate?: string;
  drug?: DrugIdentification;
}

/** A claim as fixtures write it: the claim's billing data, diagnoses as codes, no history or evidence. */
export interface CompactClaim {
  id?: string;
  status?: ClaimStatus;
  frequency?: '1' | '7' | '8';
  originalClaimNumber?: string;
  patient: Patient;
  subscriber: Subscriber;
  payer: PayerRef;
  billingProvider: ProviderRef;
  renderingProvider?: ProviderRef;
  referringProvider?: ProviderRef;
  placeOfService: string;
  priorAuthorization?: string;
  payToAddress?: Claim['payToAddress'];
  serviceFacility?: Claim['serviceFacility'];
  clia?: string;
  indicators?: Claim['indicators'];
  /** The encounter's date of service (lines without their own date take it). */
  dateOfService?: string;
  diagnoses: string[];
  lines: CompactLine[];
  totalChargeCents: number;
}

export function toClaim(compact: CompactClaim): { claim: Claim; coded: CodedEncounter } {
  const id = compact.id ?? 'CFTESTCLAIM000000001';
  const diagnoses = compact.diagnoses.map((code) => ({
    code,
    confidence: 1,
    evidence: [],
    codeSetVersion: 'test',
  }));
  const lines = compact.lines.map((line, index) => ({
    code: line.code,
    system: /^[A-V]\d{4}$/i.test(line.code.trim()) ? ('HCPCS' as const) : ('CPT' as const),
    modifiers: line.modifiers ?? [],
    units: line.units ?? 1,
    chargeCents: line.chargeCents,
    diagnosisPointers: line.diagnosisPointers,
    ...(line.serviceDate !== undefined ? { serviceDate: line.serviceDate } : {}),
    ...(line.drug !== undefined ? { drug: line.drug } : {}),
    confidence: 1,
    evidence: [],
    codeSetVersion: 'test',
    controlNumber: `${id}-${index + 1}`,
  }));
  const source = { key: 'fixture.json', format: 'claimflow-json' as const, index: 0 };
  const claim: Claim = {
    id,
    encounter: source,
    frequency: compact.frequency ?? '1',
    ...(compact.originalClaimNumber !== undefined ? { originalClaimNumber: compact.originalClaimNumber } : {}),
    status: compact.status ?? 'CODED',
    owner: 'NONE',
    patient: compact.patient,
    subscriber: subscriberOf(compact),
    payer: compact.payer,
    billingProvider: compact.billingProvider,
    ...(compact.renderingProvider ? { renderingProvider: compact.renderingProvider } : {}),
    ...(compact.referringProvider ? { referringProvider: compact.referringProvider } : {}),
    placeOfService: compact.placeOfService,
    ...(compact.priorAuthorization !== undefined ? { priorAuthorization: compact.priorAuthorization } : {}),
    ...(compact.payToAddress !== undefined ? { payToAddress: compact.payToAddress } : {}),
    ...(compact.serviceFacility !== undefined ? { serviceFacility: compact.serviceFacility } : {}),
    ...(compact.clia !== undefined ? { clia: compact.clia } : {}),
    ...(compact.indicators !== undefined ? { indicators: compact.indicators } : {}),
    diagnoses,
    lines,
    totalChargeCents: compact.totalChargeCents,
    findings: [],
    version: 1,
    documentId: 'doc-fixture',
    practiceId: 'fixture',
    lastEvent: { version: 1, at: '2026-11-23T00:00:00.000Z', to: 'CODED', actor: 'test' },
  };
  const coded: CodedEncounter = {
    encounter: {
      source,
      patient: compact.patient,
      subscriber: compact.subscriber,
      payer: compact.payer,
      diagnoses: [],
      procedures: [],
      ...(compact.dateOfService !== undefined ? { dateOfService: compact.dateOfService } : {}),
    },
    diagnoses,
    lines: compact.lines.map((_, i) => lines[i]!),
    missing: [],
    review: { required: false, reasons: [] },
  };
  return { claim, coded };
}

/**
 * The subscriber as buildClaim makes it: when the patient is the subscriber (18), the subscriber carries the patient's
 * name, demographics and address (the 837P writes them in 2010BA).
 */
function subscriberOf(compact: CompactClaim): Subscriber {
  if (compact.patient.relationshipToSubscriber !== '18') return compact.subscriber;
  const { lastName, firstName, middleName, birthDate, sex, address } = compact.patient;
  const demographics = Object.fromEntries(
    Object.entries({ lastName, firstName, middleName, birthDate, sex, address }).filter(([, v]) => v !== undefined),
  );
  return { ...demographics, ...compact.subscriber };
}

/** A clean claim to SANDBOX1: an established-patient visit for diabetes and hypertension. */
export function cleanClaim(): CompactClaim {
  return {
    patient: {
      lastName: 'Fixture',
      firstName: 'Pat',
      birthDate: '1971-06-14',
      sex: 'F',
      relationshipToSubscriber: '18',
      address: { lines: ['1 Test Way'], city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    subscriber: { memberId: 'SBX220198877' },
    payer: { payerId: 'SANDBOX1', name: 'Sandbox Health Plan', filingIndicator: 'CI', responsibility: 'P' },
    billingProvider: {
      npi: '1234567893',
      tin: '123456789',
      organizationName: 'Fixture Family Practice',
      taxonomy: '207Q00000X',
      address: { lines: ['100 Main Street'], city: 'Springfield', state: 'IL', postalCode: '627011234' },
    },
    renderingProvider: { npi: '1456789019', lastName: 'Ortiz', firstName: 'Lena', taxonomy: '207Q00000X' },
    placeOfService: '11',
    dateOfService: DOS,
    diagnoses: ['E11.9', 'I10'],
    lines: [{ code: '99213', chargeCents: 13500, diagnosisPointers: [1, 2], serviceDate: DOS }],
    totalChargeCents: 13500,
  };
}

/** Scrubs a compact claim with the test ports; returns the findings and the repaired claim. */
export async function scrub(compact: CompactClaim, overrides: Partial<ScrubPorts> = {}) {
  const { claim, coded } = toClaim(compact);
  return scrubClaim(claim, coded, testPorts(overrides));
}

/** Ids of the findings of one severity. */
export function idsOf(findings: readonly Finding[], severity: Finding['severity'] = 'error'): string[] {
  return findings.filter((f) => f.severity === severity).map((f) => f.id);
}
