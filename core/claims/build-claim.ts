/**
 * The one mapping from a coded encounter to a claim: who is billed and by whom, what was done and why, in integer
 * cents. The pipeline and `claimflow x12 837` both build claims here, so one document gives one claim whichever way
 * it is billed.
 *
 * The claim id (CLM01, the patient control number) is derived from the document's text digest and the encounter's
 * position in it, so processing the same document twice (a repeated notification, a re-upload of the same bytes,
 * the same file coded on the command line) names the same claim and can never bill it twice. 20 characters: the
 * length payers reliably echo back in CLP01 of the 835.
 */
import type { CodedDiagnosis, CodedEncounter } from '#core/coding/coded-encounter';
import type { DocumentRef, Patient, Subscriber } from '#core/documents/encounter';
import { derivedId } from '#core/kernel/ids';
import { type Claim, UNASSIGNED_PRACTICE } from './claim.ts';

export const CLAIM_ID_LENGTH = 20;

/** Diagnoses an 837P claim carries (HI, 2300): at most 12. */
export const MAX_CLAIM_DIAGNOSES = 12;

/** PAT01/SBR02: the patient is the subscriber. */
const SELF = '18';

export function claimIdFor(documentIdentity: string, encounterIndex: number): string {
  return derivedId('CF', [documentIdentity, encounterIndex], CLAIM_ID_LENGTH);
}

/**
 * The claim id of an encounter: from the text digest the parser records, so every path that reads the same text
 * names the same claim; an encounter without one (built by hand, not parsed) falls back to its document's id.
 */
export function claimIdOf(source: Pick<DocumentRef, 'index' | 'digest'>, documentId: string): string {
  return claimIdFor(source.digest ?? documentId, source.index);
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
  const id = claimIdOf(encounter.source, context.documentId);
  const { patient, subscriber } = patientAndSubscriber(encounter.patient, encounter.subscriber);
  const { diagnoses, pointerMap } = claimDiagnoses(coded);
  // Every line carries its date of service (DTP*472 in the 837P): its own, else the encounter's (with the
  // encounter's end date when the visit spans several days).
  const lines = coded.lines.map((line, index) => {
    const serviceDate = line.serviceDate ?? encounter.dateOfService;
    const serviceDateEnd = line.serviceDate === undefined ? encounter.dateOfServiceEnd : undefined;
    return {
      ...line,
      diagnosisPointers: line.diagnosisPointers.map((p) => pointerMap.get(p) ?? p),
      ...(serviceDate !== undefined && { serviceDate }),
      ...(serviceDateEnd !== undefined && serviceDateEnd !== serviceDate && { serviceDateEnd }),
      controlNumber: `${id}-${index + 1}`,
    };
  });
  return {
    id,
    documentId: context.documentId,
    practiceId: context.practiceId ?? UNASSIGNED_PRACTICE,
    encounter: encounter.source,
    frequency: '1',
    status: 'CODED',
    owner: 'NONE',
    patient,
    subscriber,
    payer: encounter.payer ?? {},
    billingProvider: encounter.billingProvider ?? {},
    ...(encounter.renderingProvider ? { renderingProvider: encounter.renderingProvider } : {}),
    ...(encounter.referringProvider ? { referringProvider: encounter.referringProvider } : {}),
    // Never invented: configuration supplies the practice's default before coding; a claim without one is reported.
    placeOfService: encounter.placeOfService ?? '',
    ...(encounter.priorAuthorization ? { priorAuthorization: encounter.priorAuthorization } : {}),
    diagnoses,
    lines,
    totalChargeCents: lines.reduce((sum, line) => sum + line.chargeCents, 0),
    findings: [],
    version: 1,
    lastEvent: { version: 1, at: context.at, to: 'CODED', actor: context.actor },
  };
}

/**
 * The patient is the subscriber when the document says so (18), or says nothing and names no other person as
 * subscriber (a coverage record with only a member id describes the patient's own plan). Then the subscriber
 * carries the patient's demographics. A named subscriber without a relationship is left as it is, for the claim
 * checks to ask for the relationship rather than guessing it.
 */
function patientAndSubscriber(
  documentPatient: Patient,
  documentSubscriber: Subscriber | undefined,
): { patient: Patient; subscriber: Subscriber } {
  const relationship = documentPatient.relationshipToSubscriber;
  const self = relationship === SELF || (relationship === undefined && !namesAnotherPerson(documentSubscriber));
  if (!self) return { patient: { ...documentPatient }, subscriber: { ...documentSubscriber } };
  const { lastName, firstName, middleName, birthDate, sex, address } = documentPatient;
  const demographics = defined({ lastName, firstName, middleName, birthDate, sex, address });
  return {
    patient: { ...documentPatient, relationshipToSubscriber: SELF },
    subscriber: { ...demographics, ...defined({ ...documentSubscriber }) },
  };
}

function namesAnotherPerson(subscriber: Subscriber | undefined): boolean {
  return (
    subscriber?.lastName !== undefined || subscriber?.firstName !== undefined || subscriber?.birthDate !== undefined
  );
}

/**
 * At most 12 diagnoses go on a claim. Every diagnosis a line points to is kept (in first-listed order), then the
 * others fill the remaining places; pointers are renumbered to the kept order. When lines point to more than 12,
 * all of them are kept so the claim checks refuse the claim for review instead of dropping a line's reason.
 */
function claimDiagnoses(coded: CodedEncounter): { diagnoses: CodedDiagnosis[]; pointerMap: Map<number, number> } {
  const pointed = new Set<number>();
  for (const line of coded.lines) for (const p of line.diagnosisPointers) pointed.add(p);
  const keep = new Set<number>();
  coded.diagnoses.forEach((_, i) => {
    if (pointed.has(i + 1)) keep.add(i + 1);
  });
  coded.diagnoses.forEach((_, i) => {
    if (keep.size < MAX_CLAIM_DIAGNOSES) keep.add(i + 1);
  });
  const diagnoses: CodedDiagnosis[] = [];
  const pointerMap = new Map<number, number>();
  coded.diagnoses.forEach((diagnosis, i) => {
    if (!keep.has(i + 1)) return;
    diagnoses.push(diagnosis);
    pointerMap.set(i + 1, diagnoses.length);
  });
  return { diagnoses, pointerMap };
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
