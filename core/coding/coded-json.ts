/**
 * The stable JSON form of coded encounters (docs/formats/coded-json.md): what `claimflow code --json` prints and
 * `claimflow x12 837` reads (core/billing/coded-json-input.ts is its schema). Claim data the document gave is completed
 * from the practice configuration where the configuration is the authority (payer name and filing indicator by
 * payer id, billing and rendering provider details by NPI); nothing the document lacks is invented.
 */
import type { PracticeConfig } from '#core/config/practice-config';
import type { Encounter, PayerRef, ProviderRef } from '#core/documents/encounter';
import type { CodedEncounter, Evidence, ReviewReason } from './coded-encounter.ts';

export const CODED_JSON_VERSION = '1';

export interface CodedDiagnosisJson {
  code: string;
  description?: string;
  confidence: number;
  evidence: Evidence[];
  codeSetVersion: string;
}

export interface ServiceLineJson {
  code: string;
  system: 'CPT' | 'HCPCS';
  modifiers: string[];
  units: number;
  chargeCents: number;
  diagnosisPointers: number[];
  serviceDate?: string;
  confidence: number;
  evidence: Evidence[];
  codeSetVersion: string;
}

export interface CodedEncounterJson {
  source: Encounter['source'];
  diagnoses: CodedDiagnosisJson[];
  lines: ServiceLineJson[];
  review: { required: boolean; reasons: ReviewReason[] };
  missing: { field: string; message: string }[];
  patient: Encounter['patient'];
  subscriber?: Encounter['subscriber'];
  payer?: PayerRef;
  billingProvider?: ProviderRef;
  renderingProvider?: ProviderRef;
  referringProvider?: ProviderRef;
  placeOfService?: string;
  dateOfService?: string;
  dateOfServiceEnd?: string;
  priorAuthorization?: string;
}

export interface CodedJsonDocument {
  codedJsonVersion: string;
  encounters: CodedEncounterJson[];
}

function withConfiguredPayer(payer: PayerRef | undefined, config: PracticeConfig): PayerRef | undefined {
  if (!payer) return undefined;
  const configured = config.payers.find((p) => p.payerId === payer.payerId);
  // A document names one payer: unless it says otherwise, that payer is primary (SBR01 P).
  const responsibility = payer.responsibility ?? 'P';
  if (!configured) return { ...payer, responsibility };
  return {
    ...payer,
    name: payer.name ?? configured.name,
    filingIndicator: payer.filingIndicator ?? configured.filingIndicator,
    responsibility,
  };
}

function withConfiguredBilling(provider: ProviderRef | undefined, config: PracticeConfig): ProviderRef | undefined {
  const configured = provider?.npi ? config.billingProviders.find((b) => b.npi === provider.npi) : undefined;
  if (!provider || !configured) return provider;
  return {
    ...provider,
    organizationName: provider.organizationName ?? configured.organizationName,
    tin: provider.tin ?? configured.tin,
    taxonomy: provider.taxonomy ?? configured.taxonomy,
    address: provider.address ?? configured.address,
  };
}

function withConfiguredRendering(provider: ProviderRef | undefined, config: PracticeConfig): ProviderRef | undefined {
  const configured = provider?.npi ? config.renderingProviders.find((r) => r.npi === provider.npi) : undefined;
  if (!provider || !configured) return provider;
  return {
    ...provider,
    lastName: provider.lastName ?? configured.lastName,
    firstName: provider.firstName ?? configured.firstName,
    taxonomy: provider.taxonomy ?? configured.taxonomy,
  };
}

/** Drops keys whose value is undefined, so the printed JSON has no `"x": undefined` surprises. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function toCodedEncounterJson(coded: CodedEncounter, config: PracticeConfig): CodedEncounterJson {
  const { encounter } = coded;
  return defined({
    source: coded.encounter.source,
    diagnoses: coded.diagnoses.map((d) =>
      defined({
        code: d.code,
        description: d.description,
        confidence: d.confidence,
        evidence: d.evidence,
        codeSetVersion: d.codeSetVersion,
      }),
    ),
    lines: coded.lines.map((l) =>
      defined({
        code: l.code,
        system: l.system,
        modifiers: l.modifiers,
        units: l.units,
        chargeCents: l.chargeCents,
        diagnosisPointers: l.diagnosisPointers,
        serviceDate: l.serviceDate,
        confidence: l.confidence,
        evidence: l.evidence,
        codeSetVersion: l.codeSetVersion,
      }),
    ),
    review: coded.review,
    missing: coded.missing,
    patient: encounter.patient,
    subscriber: encounter.subscriber,
    payer: withConfiguredPayer(encounter.payer, config),
    billingProvider: withConfiguredBilling(encounter.billingProvider, config),
    renderingProvider: withConfiguredRendering(encounter.renderingProvider, config),
    referringProvider: encounter.referringProvider,
    placeOfService: encounter.placeOfService,
    dateOfService: encounter.dateOfService,
    dateOfServiceEnd: encounter.dateOfServiceEnd,
    priorAuthorization: encounter.priorAuthorization,
  });
}

export function toCodedJson(coded: readonly CodedEncounter[], config: PracticeConfig): CodedJsonDocument {
  return { codedJsonVersion: CODED_JSON_VERSION, encounters: coded.map((c) => toCodedEncounterJson(c, config)) };
}
