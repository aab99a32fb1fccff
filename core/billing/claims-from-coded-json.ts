/**
 * Turns `code --json` encounters into 837P claims through the same `buildClaim` and `claimTo837P` the pipeline
 * uses, so a document billed from the command line and the same document uploaded give the same claim and CLM01.
 * Encounters the coder flagged for review are not billed: they come back in `held` with their review reason
 * categories (never their messages, which may quote the note).
 */
import { buildClaim } from '#core/claims/build-claim';
import type { Claim } from '#core/claims/claim';
import type { CodedEncounter, ReviewReason } from '#core/coding/coded-encounter';
import type { DocumentFormat, Encounter } from '#core/documents/encounter';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { HCPCS_LEVEL_II } from '#core/x12/837p/tr3-rules';
import { claimTo837P } from './claim-to-837p.ts';
import type { CodedEncounterJson } from './coded-json-input.ts';

export interface HeldEncounter {
  source: string;
  reasons: string[];
}

export interface ClaimsFromCodedJson {
  claims: Claim837P[];
  held: HeldEncounter[];
}

export interface ClaimsFromCodedJsonContext {
  /** When the claims were built (history entry), from the caller's clock. */
  at: string;
  actor: string;
}

export function claimsFromCodedJson(
  encounters: readonly CodedEncounterJson[],
  context: ClaimsFromCodedJsonContext,
): ClaimsFromCodedJson {
  const result: ClaimsFromCodedJson = { claims: [], held: [] };
  for (const item of encounters) {
    if (item.review.required) {
      result.held.push({
        source: sourceLabel(item),
        reasons: [...new Set(item.review.reasons.map((r) => r.category))],
      });
    } else {
      result.claims.push(claimTo837P(claimFromCodedJson(item, context)));
    }
  }
  return result;
}

/** The Claim of one coded encounter, as the pipeline would build it, with the file's claim identity overrides. */
export function claimFromCodedJson(item: CodedEncounterJson, context: ClaimsFromCodedJsonContext): Claim {
  const claim = buildClaim(codedEncounterFromJson(item), { documentId: item.source.key, ...context });
  return {
    ...claim,
    // A hand-written replacement or void names the claim it corrects.
    ...(item.claimId !== undefined && {
      id: item.claimId,
      lines: claim.lines.map((line, i) => ({ ...line, controlNumber: `${item.claimId}-${i + 1}` })),
    }),
    ...(item.frequency !== undefined && { frequency: item.frequency }),
    ...(item.originalClaimNumber !== undefined && { originalClaimNumber: item.originalClaimNumber }),
  };
}

/** The CodedEncounter a coded-JSON item describes; claim data at the item's level wins over `encounter`. */
export function codedEncounterFromJson(item: CodedEncounterJson): CodedEncounter {
  const data = { ...item.encounter, ...definedOnly(item) };
  const encounter: Encounter = {
    source: { ...item.source, format: item.source.format as DocumentFormat },
    patient: { ...data.patient },
    ...(data.subscriber && { subscriber: data.subscriber }),
    ...(data.payer && { payer: data.payer }),
    ...(data.billingProvider && { billingProvider: data.billingProvider }),
    ...(data.renderingProvider && { renderingProvider: data.renderingProvider }),
    ...(data.referringProvider && { referringProvider: data.referringProvider }),
    ...(data.placeOfService !== undefined && { placeOfService: data.placeOfService }),
    ...(data.dateOfService !== undefined && { dateOfService: data.dateOfService }),
    ...(data.dateOfServiceEnd !== undefined && { dateOfServiceEnd: data.dateOfServiceEnd }),
    ...(data.priorAuthorization !== undefined && { priorAuthorization: data.priorAuthorization }),
    diagnoses: [],
    procedures: [],
  };
  return {
    encounter,
    diagnoses: item.diagnoses.map((d) => ({
      code: d.code,
      ...(d.description !== undefined && { description: d.description }),
      confidence: d.confidence ?? 1,
      evidence: d.evidence ?? [],
      codeSetVersion: d.codeSetVersion ?? '',
    })),
    lines: item.lines.map((line) => ({
      code: line.code,
      system: line.system ?? (HCPCS_LEVEL_II.test(line.code) ? 'HCPCS' : 'CPT'),
      modifiers: line.modifiers,
      units: line.units,
      chargeCents: line.chargeCents,
      diagnosisPointers: line.diagnosisPointers,
      ...(line.serviceDate !== undefined && { serviceDate: line.serviceDate }),
      ...(line.ndc !== undefined && { ndc: line.ndc }),
      confidence: line.confidence ?? 1,
      evidence: line.evidence ?? [],
      codeSetVersion: line.codeSetVersion ?? '',
    })),
    missing: item.missing ?? [],
    review: { required: item.review.required, reasons: item.review.reasons as ReviewReason[] },
  };
}

function sourceLabel(item: CodedEncounterJson): string {
  return `${item.source.key}#${item.source.index}`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
