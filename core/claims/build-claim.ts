/**
 * A claim from a coded encounter: who is billed and by whom, what was done and why, in integer cents. The claim id
 * (CLM01, the patient control number) is derived from the document and the encounter's position in it, so processing
 * the same document twice names the same claim and can never bill it twice. 20 characters: the length payers
 * reliably echo back in CLP01 of the 835.
 */
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { derivedId } from '#core/kernel/ids';
import { type Claim, UNASSIGNED_PRACTICE } from './claim.ts';

export const CLAIM_ID_LENGTH = 20;

export function claimIdFor(documentId: string, encounterIndex: number): string {
  return derivedId('CF', [documentId, encounterIndex], CLAIM_ID_LENGTH);
}

export interface BuildClaimContext {
  documentId: string;
  /** The practice billing the claim; offline tools that bill for no practice leave it out. */
  practiceId?: string;
  at: string;
  actor: string;
}

export function buildClaim(coded: CodedEncounter, context: BuildClaimContext): Claim {
  const { encounter } = coded;
  const id = claimIdFor(context.documentId, encounter.source.index);
  const selfInsured = (encounter.patient.relationshipToSubscriber ?? '18') === '18';
  const subscriber = selfInsured ? { ...encounter.patient, ...encounter.subscriber } : (encounter.subscriber ?? {});
  // Every line carries its date of service (DTP*472 in the 837P): its own, else the encounter's.
  const serviceDate = encounter.dateOfService;
  const lines = coded.lines.map((line, index) => ({
    ...line,
    ...((line.serviceDate ?? serviceDate) ? { serviceDate: line.serviceDate ?? serviceDate } : {}),
    controlNumber: `${id}-${index + 1}`,
  }));
  return {
    id,
    documentId: context.documentId,
    practiceId: context.practiceId ?? UNASSIGNED_PRACTICE,
    encounter: encounter.source,
    frequency: '1',
    status: 'CODED',
    owner: 'NONE',
    patient: {
      ...encounter.patient,
      relationshipToSubscriber: selfInsured ? '18' : encounter.patient.relationshipToSubscriber,
    },
    subscriber,
    payer: encounter.payer ?? {},
    billingProvider: encounter.billingProvider ?? {},
    ...(encounter.renderingProvider ? { renderingProvider: encounter.renderingProvider } : {}),
    ...(encounter.referringProvider ? { referringProvider: encounter.referringProvider } : {}),
    placeOfService: encounter.placeOfService ?? '11',
    ...(encounter.priorAuthorization ? { priorAuthorization: encounter.priorAuthorization } : {}),
    diagnoses: coded.diagnoses.slice(0, 12),
    lines,
    totalChargeCents: lines.reduce((sum, line) => sum + line.chargeCents, 0),
    findings: [],
    version: 1,
    lastEvent: { version: 1, at: context.at, to: 'CODED', actor: context.actor },
  };
}
