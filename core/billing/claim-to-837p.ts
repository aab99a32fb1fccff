/**
 * The one mapping from a Claim to what its 837P carries. Everything the pipeline submits and everything
 * `claimflow x12 837` builds passes through here, so the two can never disagree on what a claim says in X12.
 * Workflow state (status, history, findings) and coding evidence stay behind.
 */
import type { Claim } from '#core/claims/claim';
import type { Claim837P, ServiceLine837P } from '#core/x12/837p/claim-837p';

export function claimTo837P(claim: Claim): Claim837P {
  return {
    id: claim.id,
    frequency: claim.frequency,
    ...(claim.originalClaimNumber !== undefined && { originalClaimNumber: claim.originalClaimNumber }),
    patient: claim.patient,
    subscriber: claim.subscriber,
    payer: claim.payer,
    billingProvider: claim.payToAddress
      ? { ...claim.billingProvider, payToAddress: claim.payToAddress }
      : claim.billingProvider,
    ...(claim.renderingProvider && { renderingProvider: claim.renderingProvider }),
    ...(claim.referringProvider && { referringProvider: claim.referringProvider }),
    placeOfService: claim.placeOfService,
    ...(claim.serviceFacility !== undefined && { serviceFacility: claim.serviceFacility }),
    ...(claim.priorAuthorization !== undefined && { priorAuthorization: claim.priorAuthorization }),
    ...(claim.clia !== undefined && { clia: claim.clia }),
    ...(claim.indicators !== undefined && { indicators: claim.indicators }),
    totalChargeCents: claim.totalChargeCents,
    diagnoses: claim.diagnoses.map((d) => ({ code: d.code })),
    lines: claim.lines.map(
      (line): ServiceLine837P => ({
        code: line.code,
        system: line.system,
        modifiers: line.modifiers,
        units: line.units,
        chargeCents: line.chargeCents,
        diagnosisPointers: line.diagnosisPointers,
        ...(line.serviceDate !== undefined && { serviceDate: line.serviceDate }),
        ...(line.serviceDateEnd !== undefined && { serviceDateEnd: line.serviceDateEnd }),
        controlNumber: line.controlNumber,
        ...(line.drug !== undefined && { drug: line.drug }),
      }),
    ),
  };
}
