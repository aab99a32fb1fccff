/**
 * Reads 837P transactions back into the Claim837P model, on top of the shared X12 reader (which checks the
 * envelope and SE counts). Accepts 005010X222A1 (HIPAA), and the base 005010X222 and the 005010X222A2 addendum,
 * whose loops for what we read are the same; the guide is reported per transaction. Loops the model has no
 * place for (pay-to, service facility, other subscribers of 2320/2330, line-level providers, drug LIN/CTP) are
 * skipped without harm. Hierarchy problems (HL numbering, parents, HL04 child codes) are reported as issues
 * naming the segment, never silently fixed.
 */
import { toCents } from '#core/kernel/money';
import {
  allTransactions,
  type EnvelopedTransaction,
  readX12,
  type Segment,
  streamX12Transactions,
  X12Error,
  type X12Issue,
} from '#core/x12/reader';
import type {
  Claim837P,
  ClaimIndicators,
  DrugIdentification,
  Patient,
  PayerRef,
  PostalAddress,
  ProviderRef,
  ServiceLine837P,
  Subscriber,
} from './claim-837p.ts';
import { DEFAULT_CLAIM_INDICATORS, SELF } from './claim-837p.ts';
import { readHierarchy } from './hierarchy-reader.ts';
import { checkLoopRequirements } from './loop-requirements.ts';
import { HCPCS_LEVEL_II } from './tr3-rules.ts';

export const READABLE_GUIDES = ['005010X222A1', '005010X222', '005010X222A2'] as const;

export interface Read837PClaim extends Claim837P {
  /** ICD-10-CM for ABK/ABF; ICD-9-CM when the file uses BK/BF (pre-2015 samples). */
  diagnosisCodeSet: 'ICD-10-CM' | 'ICD-9-CM';
  /** ST02 of the transaction and the position of the CLM segment, for messages. */
  source: { transactionControlNumber: string; position: number };
}

export interface Read837PTransaction {
  controlNumber: string;
  implementationGuide: string;
  interchangeControlNumber: string | undefined;
  submitter: { name: string; id: string } | undefined;
  receiver: { name: string; id: string } | undefined;
  claims: Read837PClaim[];
}

export interface Read837PResult {
  transactions: Read837PTransaction[];
  claims: Read837PClaim[];
  /** Hierarchy and content problems that did not stop the read. */
  issues: X12Issue[];
}

/**
 * Read every 837P transaction in an X12 text. Throws an X12Error for a non-837P transaction, and for envelope
 * errors unless `lenient`, which reports them in `issues` and reads on.
 */
export function read837P(text: string, options: { lenient?: boolean } = {}): Read837PResult {
  const document = readX12(text, options);
  const issues: X12Issue[] = [...document.issues];
  const transactions = allTransactions(document).map((t) => read837PTransaction(t, issues));
  return { transactions, claims: transactions.flatMap((t) => t.claims), issues };
}

/**
 * Read 837P transactions from a stream (a file of any size), one transaction in memory at a time. Issues go to
 * `onIssue`; envelope faults throw unless `lenient`.
 */
export async function* stream837P(
  source: AsyncIterable<string | Uint8Array>,
  options: { lenient?: boolean; onIssue?: (issue: X12Issue) => void } = {},
): AsyncGenerator<Read837PTransaction> {
  for await (const enveloped of streamX12Transactions(source, options)) {
    const issues: X12Issue[] = [];
    const transaction = read837PTransaction(enveloped, issues);
    for (const issue of issues) options.onIssue?.(issue);
    yield transaction;
  }
}

export function read837PTransaction(enveloped: EnvelopedTransaction, issues: X12Issue[] = []): Read837PTransaction {
  const { transaction, interchange } = enveloped;
  const guide = transaction.implementationGuide ?? '';
  if (transaction.setId !== '837' || !(READABLE_GUIDES as readonly string[]).includes(guide)) {
    throw new X12Error(
      'NOT_837P',
      `expected an 837P transaction (ST01 837, ST03 ${READABLE_GUIDES.join(' or ')}), found ST01 "${transaction.setId}" with guide "${guide}"`,
      { position: transaction.header.position, segmentId: 'ST', offset: transaction.header.offset },
    );
  }
  const state = new ClaimCollector(transaction.controlNumber, issues);
  for (const segment of transaction.segments) state.accept(segment);
  // Appended one by one: a damaged file can yield more issues than a call may take arguments.
  for (const issue of readHierarchy(transaction.segments)) issues.push(issue);
  for (const issue of checkLoopRequirements(transaction.segments)) issues.push(issue);
  return {
    controlNumber: transaction.controlNumber,
    implementationGuide: guide,
    interchangeControlNumber: interchange?.controlNumber,
    submitter: state.submitter,
    receiver: state.receiver,
    claims: state.claims,
  };
}

/** Which entity the next N3, N4, DMG, REF or PRV segment describes. */
type Context =
  | 'header'
  | 'billing'
  | 'subscriber'
  | 'payer'
  | 'patient'
  | 'claim'
  | 'referring'
  | 'rendering'
  | 'pay-to'
  | 'facility'
  | 'other-payer'
  | 'line'
  | 'skipped';

class ClaimCollector {
  readonly claims: Read837PClaim[] = [];
  submitter: { name: string; id: string } | undefined;
  receiver: { name: string; id: string } | undefined;
  #context: Context = 'header';
  #billing: ProviderRef = {};
  #subscriber: Subscriber = {};
  #payer: PayerRef = {};
  #subscriberRelationship: string | undefined;
  #patient: Patient | undefined;
  #claim: Read837PClaim | undefined;
  #line: ServiceLine837P | undefined;
  readonly #transaction: string;
  readonly #issues: X12Issue[];

  constructor(transaction: string, issues: X12Issue[]) {
    this.#transaction = transaction;
    this.#issues = issues;
  }

  accept(segment: Segment): void {
    switch (segment.id) {
      case 'HL':
        this.#hierarchicalLevel(segment);
        return;
      case 'NM1':
        this.#name(segment);
        return;
      case 'PER':
        return;
      case 'N3':
        this.#address((a) => {
          a.lines = [segment.element(1), segment.element(2)].filter((l) => l !== '');
        });
        return;
      case 'N4':
        this.#address((a) => {
          a.city = segment.optional(1);
          a.state = segment.optional(2);
          a.postalCode = segment.optional(3);
        });
        return;
      case 'DMG':
        this.#demographics(segment);
        return;
      case 'PRV':
        this.#taxonomy(segment);
        return;
      case 'REF':
        this.#reference(segment);
        return;
      case 'SBR':
        this.#subscriberInformation(segment);
        return;
      case 'PAT':
        if (this.#patient) this.#patient.relationshipToSubscriber = segment.optional(1);
        return;
      case 'CLM':
        this.#claimStart(segment);
        return;
      case 'HI':
        this.#diagnoses(segment);
        return;
      case 'LX':
        this.#lineStart();
        return;
      case 'SV1':
        this.#professionalService(segment);
        return;
      case 'DTP':
        this.#serviceDate(segment);
        return;
      case 'LIN':
        this.#drug(segment);
        return;
      case 'CTP':
        this.#drugQuantity(segment);
        return;
      default:
        return;
    }
  }

  #hierarchicalLevel(hl: Segment): void {
    this.#claim = undefined;
    this.#line = undefined;
    const level = hl.element(3);
    if (level === '20') {
      this.#billing = {};
      this.#context = 'billing';
    } else if (level === '22') {
      this.#subscriber = {};
      this.#payer = {};
      this.#patient = undefined;
      this.#subscriberRelationship = undefined;
      this.#context = 'subscriber';
    } else if (level === '23') {
      this.#patient = {};
      this.#context = 'patient';
    } else {
      this.#context = 'skipped';
    }
  }

  #name(nm1: Segment): void {
    const entity = nm1.element(1);
    const inClaim = this.#claim !== undefined;
    if (entity === '41' || entity === '40') {
      const party = { name: nm1.element(3), id: nm1.element(9) };
      if (entity === '41') this.submitter = party;
      else this.receiver = party;
      this.#context = 'header';
      return;
    }
    if (this.#context === 'other-payer' || this.#line) {
      // 2330x other payer names and 2420x line providers: not carried by the model.
      if (this.#context !== 'other-payer') this.#context = 'skipped';
      return;
    }
    if (entity === '85' && !inClaim) {
      Object.assign(this.#billing, providerName(nm1));
      this.#context = 'billing';
    } else if (entity === '87' && !inClaim && this.#context === 'billing') {
      this.#billing.payToAddress = { lines: [] };
      this.#context = 'pay-to';
    } else if (entity === '77' && this.#claim) {
      const npi = nm1.element(8) === 'XX' ? nm1.optional(9) : undefined;
      this.#claim.serviceFacility = dropUndefined({ name: nm1.element(3), npi, address: { lines: [] } });
      this.#context = 'facility';
    } else if (entity === 'IL' && !inClaim) {
      Object.assign(this.#subscriber, personName(nm1));
      const memberId = nm1.optional(9);
      if (memberId) this.#subscriber.memberId = memberId;
      this.#context = 'subscriber';
    } else if (entity === 'PR' && !inClaim) {
      this.#payer.name = nm1.optional(3);
      this.#payer.payerId = nm1.optional(9);
      this.#context = 'payer';
    } else if (entity === 'QC' && this.#patient) {
      Object.assign(this.#patient, personName(nm1));
      this.#context = 'patient';
    } else if (entity === 'DN' && this.#claim) {
      this.#claim.referringProvider = providerName(nm1);
      this.#context = 'referring';
    } else if (entity === '82' && this.#claim) {
      this.#claim.renderingProvider = providerName(nm1);
      this.#context = 'rendering';
    } else {
      this.#context = 'skipped';
    }
  }

  #addressOwner(): { address?: PostalAddress } | undefined {
    if (this.#context === 'billing') return this.#billing;
    if (this.#context === 'pay-to' && this.#billing.payToAddress) return { address: this.#billing.payToAddress };
    if (this.#context === 'facility') return this.#claim?.serviceFacility;
    if (this.#context === 'subscriber') return this.#subscriber;
    if (this.#context === 'patient') return this.#patient;
    return undefined;
  }

  #address(fill: (address: PostalAddress) => void): void {
    const owner = this.#addressOwner();
    if (!owner) return;
    owner.address ??= { lines: [] };
    fill(owner.address);
  }

  #demographics(dmg: Segment): void {
    const person =
      this.#context === 'subscriber' ? this.#subscriber : this.#context === 'patient' ? this.#patient : undefined;
    if (!person || dmg.element(1) !== 'D8') return;
    person.birthDate = isoDate(dmg.element(2));
    const sex = dmg.element(3);
    if (sex === 'F' || sex === 'M' || sex === 'U') person.sex = sex;
  }

  #taxonomy(prv: Segment): void {
    if (prv.element(2) !== 'PXC') return;
    if (prv.element(1) === 'BI' && this.#context === 'billing') this.#billing.taxonomy = prv.element(3);
    if (prv.element(1) === 'PE' && this.#context === 'rendering' && this.#claim?.renderingProvider) {
      this.#claim.renderingProvider.taxonomy = prv.element(3);
    }
  }

  #reference(ref: Segment): void {
    const [qualifier, value] = [ref.element(1), ref.element(2)];
    if (this.#context === 'billing' && qualifier === 'EI') this.#billing.tin = value.replace('-', '');
    else if (this.#line && qualifier === '6R') this.#line.controlNumber = value;
    else if (this.#claim && !this.#line && this.#context === 'claim') {
      if (qualifier === 'F8') this.#claim.originalClaimNumber = value;
      else if (qualifier === 'X4') this.#claim.clia = value;
      else if (qualifier === 'G1') this.#claim.priorAuthorization = value;
      else if (qualifier === 'EA') this.#claim.patient.mrn = value;
    }
  }

  #subscriberInformation(sbr: Segment): void {
    if (this.#claim) {
      // 2320: another payer's subscriber information; the model holds only the payer billed here.
      this.#context = 'other-payer';
      return;
    }
    const responsibility = sbr.element(1);
    if (responsibility === 'P' || responsibility === 'S' || responsibility === 'T')
      this.#payer.responsibility = responsibility;
    this.#subscriberRelationship = sbr.optional(2);
    const group = sbr.optional(3);
    if (group) this.#subscriber.groupNumber = group;
    this.#payer.filingIndicator = sbr.optional(9);
  }

  #claimStart(clm: Segment): void {
    const frequency = clm.component(5, 3);
    const patient = this.#claimPatient(clm);
    const indicators = {
      providerSignature: clm.element(6),
      acceptAssignment: clm.element(7),
      benefitsAssignment: clm.element(8),
      releaseOfInformation: clm.element(9),
    };
    const isDefault = (Object.keys(DEFAULT_CLAIM_INDICATORS) as (keyof ClaimIndicators)[]).every(
      (key) => indicators[key] === DEFAULT_CLAIM_INDICATORS[key],
    );
    const claim: Read837PClaim = {
      id: clm.element(1),
      ...(!isDefault && { indicators: indicators as ClaimIndicators }),
      totalChargeCents: amount(clm, 2),
      placeOfService: clm.component(5, 1),
      frequency: (frequency === '7' || frequency === '8' ? frequency : '1') as Claim837P['frequency'],
      patient,
      subscriber: structuredClone(this.#subscriber),
      payer: structuredClone(this.#payer),
      billingProvider: structuredClone(this.#billing),
      diagnoses: [],
      lines: [],
      diagnosisCodeSet: 'ICD-10-CM',
      source: { transactionControlNumber: this.#transaction, position: clm.position },
    };
    if (frequency !== '1' && frequency !== '7' && frequency !== '8') {
      this.#issue('CLM05_FREQUENCY', clm, `CLM05-3 claim frequency "${frequency}" is not 1, 7 or 8; read as 1`);
    }
    this.claims.push(claim);
    this.#claim = claim;
    this.#line = undefined;
    this.#context = 'claim';
  }

  #claimPatient(clm: Segment): Patient {
    if (this.#patient) return structuredClone(this.#patient);
    const { lastName, firstName, middleName, suffix, birthDate, sex, address } = this.#subscriber;
    const patient: Patient = structuredClone({ lastName, firstName, middleName, suffix, birthDate, sex, address });
    if (this.#subscriberRelationship === SELF) patient.relationshipToSubscriber = SELF;
    else this.#issue('PATIENT_RELATIONSHIP', clm, 'claim sits under the subscriber level but SBR02 is not 18 (self)');
    return dropUndefined(patient);
  }

  #diagnoses(hi: Segment): void {
    const claim = this.#claim;
    if (!claim || this.#line) return;
    for (let n = 1; n <= hi.elementCount; n++) {
      const [qualifier, code] = [hi.component(n, 1), hi.component(n, 2)];
      const icd10 = qualifier === 'ABK' || qualifier === 'ABF';
      const icd9 = qualifier === 'BK' || qualifier === 'BF';
      if ((icd10 || icd9) && code !== '') {
        claim.diagnoses.push({ code: icd10 ? dottedIcd10(code) : code });
        if (icd9) claim.diagnosisCodeSet = 'ICD-9-CM';
      } else if (!isOtherHiQualifier(qualifier)) {
        this.#issue(
          'HI_COMPOSITE',
          hi,
          `HI${String(n).padStart(2, '0')} "${hi.element(n)}" is not a qualifier:code composite; skipped`,
        );
      }
    }
  }

  #lineStart(): void {
    if (!this.#claim) return;
    this.#line = {
      code: '',
      system: 'CPT',
      modifiers: [],
      units: 0,
      chargeCents: 0,
      diagnosisPointers: [],
      controlNumber: '',
    };
    this.#claim.lines.push(this.#line);
    this.#context = 'line';
  }

  #professionalService(sv1: Segment): void {
    const line = this.#line;
    if (!line) return;
    const [qualifier, code = '', ...modifiers] = sv1.components(1);
    if (qualifier !== 'HC')
      this.#issue('SV101_QUALIFIER', sv1, `SV101-1 "${qualifier}" is not HC (CPT/HCPCS); code kept as is`);
    line.code = code;
    line.system = HCPCS_LEVEL_II.test(code) ? 'HCPCS' : 'CPT';
    // SV101-3..6 are the modifiers; SV101-7 is a free-text description, not a modifier.
    line.modifiers = modifiers.slice(0, 4).filter((m) => m !== '');
    line.chargeCents = amount(sv1, 2);
    if (sv1.element(3) !== 'UN')
      this.#issue('SV103_UNIT', sv1, `SV103 unit "${sv1.element(3)}" is not UN (units); SV104 kept as the unit count`);
    line.units = Number(sv1.element(4));
    line.diagnosisPointers = sv1.components(7).map(Number);
  }

  #drug(lin: Segment): void {
    if (!this.#line || lin.element(2) !== 'N4') return;
    this.#line.drug = { ndc: lin.element(3), quantity: 0, unit: 'UN' };
  }

  #drugQuantity(ctp: Segment): void {
    const drug = this.#line?.drug;
    if (!drug) return;
    drug.quantity = Number(ctp.element(4));
    drug.unit = ctp.component(5, 1) as DrugIdentification['unit'];
  }

  #serviceDate(dtp: Segment): void {
    if (!this.#line || dtp.element(1) !== '472') return;
    const [start = '', end] = dtp.element(3).split('-');
    this.#line.serviceDate = isoDate(start);
    if (dtp.element(2) === 'RD8' && end && end !== start) this.#line.serviceDateEnd = isoDate(end);
  }

  #issue(code: string, segment: Segment, detail: string): void {
    this.#issues.push({
      code,
      message: `segment ${segment.position} (${segment.id}): ${detail}`,
      position: segment.position,
      segmentId: segment.id,
      offset: segment.offset,
    });
  }
}

/** Qualifiers of the other 837P HI segments: anesthesia related procedures (BP, BO) and condition codes (BG). */
function isOtherHiQualifier(qualifier: string): boolean {
  return qualifier === 'BP' || qualifier === 'BO' || qualifier === 'BG';
}

function personName(nm1: Segment): Pick<Subscriber, 'lastName' | 'firstName' | 'middleName' | 'suffix'> {
  return dropUndefined({
    lastName: nm1.optional(3),
    firstName: nm1.optional(4),
    middleName: nm1.optional(5),
    suffix: nm1.optional(7),
  });
}

function providerName(nm1: Segment): ProviderRef {
  const npi = nm1.element(8) === 'XX' ? nm1.optional(9) : undefined;
  if (nm1.element(2) === '2') return dropUndefined({ organizationName: nm1.optional(3), npi });
  return dropUndefined({ ...personName(nm1), npi });
}

function amount(segment: Segment, n: number): number {
  try {
    return toCents(segment.element(n));
  } catch {
    throw new X12Error('AMOUNT', `${segment.id}0${n} must be a monetary amount, got "${segment.element(n)}"`, segment);
  }
}

/** CCYYMMDD to YYYY-MM-DD. */
function isoDate(value: string): string {
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** ICD-10-CM codes travel without their dot; the model writes them with it after the third character. */
function dottedIcd10(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
