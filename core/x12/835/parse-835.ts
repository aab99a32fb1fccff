/**
 * Reads one 835 transaction set into a typed Remittance and checks its balancing. The 835 is walked once, in order,
 * with the loop context (header, payer, payee, claim, service line) deciding where REF/DTM/AMT/QTY/CAS belong.
 * Required segments and malformed values throw an X12Error naming the segment; tolerable oddities (segments the
 * 835 does not define where they stand) become warnings.
 */
import type { Transaction } from '../envelope.ts';
import {
  amountAt,
  elementError,
  optionalAmountAt,
  optionalQuantityAt,
  readAmount,
  readDtm,
  readName,
  readQuantity,
  readReference,
  required,
  toMoney,
} from '../fields.ts';
import type { Segment } from '../segment.ts';
import { makeIssue, X12Error, type X12Issue } from '../x12-error.ts';
import { checkClaimBalance, checkTransactionBalance, type Imbalance } from './balance.ts';
import {
  type Adjustment,
  CLAIM_STATUS_DESCRIPTIONS,
  type ClaimPayment,
  type Contact,
  type HeaderNumber,
  type PaymentInformation,
  type ProviderAdjustment,
  type ReassociationTrace,
  type Remittance,
  type RemittanceParty,
  type ServiceLinePayment,
  type SupplementalSummary,
} from './remittance.ts';
import { AdjustmentRecord, ClaimRecord, RemarkCode, ServiceLineRecord } from './remittance-records.ts';

export interface ParsedRemittance extends Remittance {
  warnings: X12Issue[];
}

/** A finished claim and the line/claim imbalances found in it. */
export interface CompletedClaim {
  claim: ClaimPayment;
  imbalances: Imbalance[];
}

/** TS2 elements that are counts or weights rather than money (day counts, discharges, average DRG weight). */
const TS2_QUANTITY_ELEMENTS: ReadonlySet<number> = new Set([7, 10, 11, 12, 13, 14, 16]);

/** CAS carries up to six reason/amount/quantity triplets in CAS02..CAS19. */
const CAS_TRIPLETS = 6;

export function parse835(transaction: Transaction): ParsedRemittance {
  const reader = new RemittanceReader(transaction.header);
  const segments = transaction.segments;
  for (let i = 1; i < segments.length - 1; i++) reader.push(segments[i] as Segment);
  return reader.finish(transaction);
}

/**
 * Push-based 835 reader: feed the body segments (between ST and SE) in order, then `finish` with the completed
 * transaction. Lets a stream be typed without keeping its segments.
 */
export class RemittanceReader {
  readonly #header: Segment;
  readonly #warnings: X12Issue[] = [];
  #payment: PaymentInformation | undefined;
  #trace: ReassociationTrace | undefined;
  readonly #references: Remittance['references'] = [];
  readonly #dates: Remittance['dates'] = [];
  #payer: RemittanceParty | undefined;
  #payee: RemittanceParty | undefined;
  #party: RemittanceParty | undefined;
  readonly #headerNumbers: HeaderNumber[] = [];
  #headerNumber: HeaderNumber | undefined;
  readonly #claims: ClaimPayment[] = [];
  #claim: ClaimPayment | undefined;
  #line: ServiceLinePayment | undefined;
  readonly #providerAdjustments: ProviderAdjustment[] = [];
  readonly #retainClaims: boolean;
  #claimsPaid = 0;
  readonly #claimImbalances: Imbalance[] = [];
  #completedClaims: CompletedClaim[] = [];

  /**
   * `header` is the ST segment; it must open an 835. With `retainClaims: false` finished claims are not kept in
   * the remittance but handed out by `takeCompletedClaims`, so a huge remittance is typed claim by claim.
   */
  constructor(header: Segment, options: { retainClaims?: boolean } = {}) {
    if (header.element(1) !== '835') {
      throw new X12Error('WRONG_SET', `expected an 835 transaction set, found ST01 "${header.element(1)}"`, header);
    }
    this.#header = header;
    this.#retainClaims = options.retainClaims ?? true;
  }

  /** The reassociation trace, once TRN has been read (it precedes every claim). */
  get trace(): ReassociationTrace | undefined {
    return this.#trace;
  }

  /** Claims finished since the last call, with their line and claim imbalances (only when not retaining claims). */
  takeCompletedClaims(): CompletedClaim[] {
    if (this.#completedClaims.length === 0) return [];
    const completed = this.#completedClaims;
    this.#completedClaims = [];
    return completed;
  }

  /** One body segment, in order. */
  push(segment: Segment): void {
    this.#visit(segment);
  }

  finish(transaction: Pick<Transaction, 'controlNumber' | 'implementationGuide'>): ParsedRemittance {
    this.#closeClaim();
    const header = this.#header;
    const payment = this.#payment;
    if (!payment) throw new X12Error('BPR_MISSING', 'the 835 has no BPR (financial information) segment', header);
    if (!this.#trace) throw new X12Error('TRN_MISSING', 'the 835 has no TRN (reassociation trace) segment', header);
    if (!this.#payer) throw new X12Error('PAYER_MISSING', 'the 835 has no N1*PR payer identification loop', header);
    if (!this.#payee) throw new X12Error('PAYEE_MISSING', 'the 835 has no N1*PE payee identification loop', header);
    const imbalances = this.#claimImbalances.concat(
      checkTransactionBalance(transaction.controlNumber, payment, this.#claimsPaid, this.#providerAdjustments),
    );
    return {
      controlNumber: transaction.controlNumber,
      implementationGuide: transaction.implementationGuide,
      payment,
      trace: this.#trace,
      references: this.#references,
      dates: this.#dates,
      payer: this.#payer,
      payee: this.#payee,
      headerNumbers: this.#headerNumbers,
      claims: this.#claims,
      providerAdjustments: this.#providerAdjustments,
      balance: { balanced: imbalances.length === 0, imbalances },
      warnings: this.#warnings,
    };
  }

  #visit(segment: Segment): void {
    switch (segment.id) {
      case 'BPR':
        // A second payment in one 835 would make the money ambiguous: never keep one and drop the other.
        if (this.#payment) throw duplicate(segment, this.#payment.position, 'financial information (BPR)');
        this.#payment = readPayment(segment);
        return;
      case 'TRN':
        if (this.#trace) throw duplicate(segment, this.#trace.position, 'reassociation trace (TRN)');
        this.#trace = {
          type: segment.element(1),
          number: required(segment, 2, 'check or EFT trace number'),
          originatorId: segment.element(3),
          originatorSupplementalId: segment.optional(4),
          position: segment.position,
        };
        return;
      case 'N1':
        this.#openParty(segment);
        return;
      case 'N3':
      case 'N4':
        this.#addAddress(segment);
        return;
      case 'PER':
        this.#addContact(segment);
        return;
      case 'REF':
        this.#currentReferences(segment)?.push(readReference(segment));
        return;
      case 'DTM':
        this.#currentDates(segment)?.push(readDtm(segment));
        return;
      case 'LX':
        this.#openHeaderNumber(segment);
        return;
      case 'TS3':
      case 'TS2':
        this.#addSummary(segment);
        return;
      case 'CLP':
        this.#openClaim(segment);
        return;
      case 'CAS':
        this.#addAdjustments(segment);
        return;
      case 'NM1':
        this.#addName(segment);
        return;
      case 'MIA':
      case 'MOA':
        this.#addAdjudication(segment);
        return;
      case 'AMT': {
        const target = this.#line ?? this.#claim;
        if (target) target.amounts.push(readAmount(segment));
        else this.#warn(segment, 'AMT must follow a CLP or SVC');
        return;
      }
      case 'QTY': {
        const target = this.#line ?? this.#claim;
        if (target) target.quantities.push(readQuantity(segment));
        else this.#warn(segment, 'QTY must follow a CLP or SVC');
        return;
      }
      case 'SVC':
        this.#openLine(segment);
        return;
      case 'LQ':
        if (this.#line) this.#line.remarkCodes.push(new RemarkCode(segment.element(1), segment.element(2)));
        else this.#warn(segment, 'LQ must follow an SVC');
        return;
      case 'PLB':
        this.#closeClaim();
        this.#providerAdjustments.push(readProviderAdjustment(segment));
        return;
      default:
        // CUR, RDM and other situational segments carry nothing we post; they are kept out of the typed view.
        return;
    }
  }

  #warn(segment: Segment, detail: string): void {
    this.#warnings.push(makeIssue('UNEXPECTED_SEGMENT', detail, segment));
  }

  #openParty(n1: Segment): void {
    if (this.#claim) {
      this.#warn(n1, `N1*${n1.element(1)} belongs in the payer/payee loops before the first LX or CLP, ignored`);
      this.#party = undefined;
      return;
    }
    const party: RemittanceParty = {
      entity: n1.element(1),
      name: n1.element(2),
      idQualifier: n1.optional(3),
      id: n1.optional(4),
      references: [],
      contacts: [],
      position: n1.position,
    };
    const existing = party.entity === 'PR' ? this.#payer : party.entity === 'PE' ? this.#payee : undefined;
    if (existing) {
      this.#warn(
        n1,
        `a second N1*${party.entity}; the one at segment ${existing.position} is kept and this loop ignored`,
      );
      this.#party = undefined;
      return;
    }
    if (party.entity === 'PR') this.#payer = party;
    else if (party.entity === 'PE') this.#payee = party;
    else this.#warn(n1, `N101 "${party.entity}" is neither PR (payer) nor PE (payee)`);
    this.#party = party;
  }

  #addAddress(segment: Segment): void {
    const party = this.#party;
    if (!party || this.#headerNumber || this.#claim) {
      this.#warn(segment, `${segment.id} must follow N1*PR or N1*PE`);
      return;
    }
    party.address ??= { lines: [] };
    if (segment.id === 'N3') {
      party.address.lines.push(...[segment.element(1), segment.element(2)].filter((line) => line !== ''));
    } else {
      Object.assign(party.address, {
        city: segment.optional(1),
        state: segment.optional(2),
        postalCode: segment.optional(3),
        country: segment.optional(4),
      });
    }
  }

  #addContact(per: Segment): void {
    const contact: Contact = { function: per.element(1), name: per.optional(2), numbers: [] };
    for (let n = 3; n + 1 <= per.elementCount; n += 2) {
      if (per.element(n) !== '') contact.numbers.push({ qualifier: per.element(n), number: per.element(n + 1) });
    }
    const owner = this.#claim ?? (this.#headerNumber ? undefined : this.#party);
    if (owner) owner.contacts.push(contact);
    else this.#warn(per, 'PER must follow N1*PR or a CLP');
  }

  #currentReferences(segment: Segment): Remittance['references'] | undefined {
    if (this.#line) return this.#line.references;
    if (this.#claim) return this.#claim.references;
    if (this.#headerNumber) {
      this.#warn(segment, 'REF between LX and CLP is not defined by the 835');
      return undefined;
    }
    return this.#party ? this.#party.references : this.#references;
  }

  #currentDates(segment: Segment): Remittance['dates'] | undefined {
    if (this.#line) return this.#line.dates;
    if (this.#claim) return this.#claim.dates;
    if (this.#party || this.#headerNumber) {
      this.#warn(segment, 'DTM outside the header, a claim or a service line');
      return undefined;
    }
    return this.#dates;
  }

  #openHeaderNumber(lx: Segment): void {
    this.#closeClaim();
    this.#party = undefined;
    const headerNumber: HeaderNumber = {
      number: required(lx, 1, 'assigned number'),
      position: lx.position,
      claims: [],
    };
    this.#headerNumbers.push(headerNumber);
    this.#headerNumber = headerNumber;
  }

  #addSummary(segment: Segment): void {
    const headerNumber = this.#headerNumber;
    if (!headerNumber || this.#claim) {
      this.#warn(segment, `${segment.id} must directly follow LX`);
      return;
    }
    if (segment.id === 'TS3') {
      headerNumber.summary = {
        providerId: segment.element(1),
        facilityCode: segment.element(2),
        fiscalPeriodDate: segment.element(3),
        claimCount: Number(segment.element(4)),
        totalCharge: amountAt(segment, 5, 'total claim charge'),
      };
    } else {
      const summary: SupplementalSummary = { amounts: {}, quantities: {} };
      for (let n = 1; n <= segment.elementCount; n++) {
        if (segment.element(n) === '') continue;
        if (TS2_QUANTITY_ELEMENTS.has(n)) summary.quantities[n] = optionalQuantityAt(segment, n) ?? 0;
        else summary.amounts[n] = amountAt(segment, n, 'monetary amount');
      }
      headerNumber.supplementalSummary = summary;
    }
  }

  #openClaim(clp: Segment): void {
    this.#closeClaim();
    this.#party = undefined;
    const status = required(clp, 2, 'claim status code');
    const claim = new ClaimRecord(clp, status, this.#headerNumber?.number);
    if (!(status in CLAIM_STATUS_DESCRIPTIONS)) {
      throw elementError(
        clp,
        2,
        'CLAIM_STATUS',
        `must be a claim status code (${Object.keys(CLAIM_STATUS_DESCRIPTIONS).join(', ')})`,
      );
    }
    this.#claim = claim;
    if (this.#retainClaims) {
      this.#claims.push(claim);
      this.#headerNumber?.claims.push(claim);
    }
  }

  #closeClaim(): void {
    const claim = this.#claim;
    this.#claim = undefined;
    this.#line = undefined;
    if (!claim) return;
    compactClaim(claim);
    const imbalances = checkClaimBalance(claim);
    for (const imbalance of imbalances) this.#claimImbalances.push(imbalance);
    this.#claimsPaid += claim.paidAmount;
    if (!this.#retainClaims) this.#completedClaims.push({ claim, imbalances });
  }

  #addAdjustments(cas: Segment): void {
    const target = this.#line ?? this.#claim;
    if (!target) {
      this.#warn(cas, 'CAS must follow a CLP or SVC');
      return;
    }
    appendAdjustments(cas, target.adjustments);
  }

  #addName(nm1: Segment): void {
    const claim = this.#claim;
    if (!claim || this.#line) {
      this.#warn(nm1, 'NM1 belongs to the claim, before its first SVC');
      return;
    }
    const name = readName(nm1);
    if (name.entity === 'QC') claim.patient = name;
    else if (name.entity === 'IL') claim.insured = name;
    else if (name.entity === '74') claim.correctedPatient = name;
    else if (name.entity === '82') claim.renderingProvider = name;
    else claim.otherNames.push(name);
  }

  #addAdjudication(segment: Segment): void {
    const claim = this.#claim;
    if (!claim || this.#line) {
      this.#warn(segment, `${segment.id} belongs to the claim, before its first SVC`);
      return;
    }
    if (segment.id === 'MIA') {
      claim.inpatient = {
        coveredDaysOrVisits: optionalQuantityAt(segment, 1),
        drgAmount: optionalAmountAt(segment, 4),
        remarkCodes: [5, 20, 21, 22, 23].map((n) => segment.element(n)).filter((code) => code !== ''),
        elements: [...segment.elements],
      };
    } else {
      claim.outpatient = {
        reimbursementRate: optionalQuantityAt(segment, 1),
        hcpcsPayableAmount: optionalAmountAt(segment, 2),
        remarkCodes: [3, 4, 5, 6, 7].map((n) => segment.element(n)).filter((code) => code !== ''),
        esrdPaymentAmount: optionalAmountAt(segment, 8),
        nonPayableProfessionalComponent: optionalAmountAt(segment, 9),
      };
    }
  }

  #openLine(svc: Segment): void {
    const claim = this.#claim;
    if (!claim) throw new X12Error('SVC_OUTSIDE_CLAIM', 'SVC must follow a CLP (service line outside a claim)', svc);
    const line = new ServiceLineRecord(svc);
    claim.lines.push(line);
    this.#line = line;
  }
}

/**
 * Replace the claim's grown arrays by exact-size copies. An array that received one push has room for 17, and a
 * large remittance keeps hundreds of thousands of them; the copies keep retained memory (and GC time) down.
 */
function compactClaim(claim: ClaimPayment): void {
  claim.adjustments = exact(claim.adjustments);
  claim.references = exact(claim.references);
  claim.dates = exact(claim.dates);
  claim.amounts = exact(claim.amounts);
  claim.quantities = exact(claim.quantities);
  claim.lines = exact(claim.lines);
  for (const line of claim.lines) {
    line.adjustments = exact(line.adjustments);
    line.references = exact(line.references);
    line.dates = exact(line.dates);
    line.amounts = exact(line.amounts);
    line.remarkCodes = exact(line.remarkCodes);
  }
}

function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

function readPayment(bpr: Segment): PaymentInformation {
  const senderDfi = bpr.optional(7);
  const receiverDfi = bpr.optional(13);
  return {
    handling: required(bpr, 1, 'transaction handling code'),
    totalPaid: amountAt(bpr, 2, 'total actual provider payment'),
    creditDebit: required(bpr, 3, 'credit/debit flag'),
    method: required(bpr, 4, 'payment method'),
    format: bpr.optional(5),
    date: required(bpr, 16, 'check issue or EFT effective date'),
    senderAccount: senderDfi
      ? {
          dfiQualifier: bpr.element(6),
          dfiId: senderDfi,
          accountQualifier: bpr.optional(8),
          accountNumber: bpr.optional(9),
        }
      : undefined,
    originatingCompanyId: bpr.optional(10),
    receiverAccount: receiverDfi
      ? {
          dfiQualifier: bpr.element(12),
          dfiId: receiverDfi,
          accountQualifier: bpr.optional(14),
          accountNumber: bpr.optional(15),
        }
      : undefined,
    position: bpr.position,
  };
}

/** The CAS triplets: CAS02-04, CAS05-07, ... CAS17-19 (reason, amount, quantity). */
export function readAdjustments(cas: Segment): Adjustment[] {
  return appendAdjustments(cas, []);
}

/** `readAdjustments` pushing onto the owner's list (no intermediate array per CAS); returns that list. */
function appendAdjustments(cas: Segment, adjustments: Adjustment[]): Adjustment[] {
  const group = required(cas, 1, 'claim adjustment group code');
  const before = adjustments.length;
  for (let triplet = 0; triplet < CAS_TRIPLETS; triplet++) {
    const reasonAt = 2 + triplet * 3;
    const reason = cas.element(reasonAt);
    if (reason === '') {
      if (cas.element(reasonAt + 1) !== '') {
        throw elementError(
          cas,
          reasonAt,
          'CAS_REASON',
          `(adjustment reason) is required when ${cas.id}${reasonAt + 1} has an amount`,
        );
      }
      continue;
    }
    const amount = amountAt(cas, reasonAt + 1, 'adjustment amount');
    adjustments.push(new AdjustmentRecord(group, reason, amount, optionalQuantityAt(cas, reasonAt + 2), cas.position));
  }
  if (cas.elementCount > 1 + CAS_TRIPLETS * 3) {
    throw elementError(
      cas,
      2 + CAS_TRIPLETS * 3,
      'CAS_TRIPLETS',
      'is beyond the six reason/amount/quantity triplets CAS allows',
    );
  }
  if (adjustments.length === before) throw elementError(cas, 2, 'CAS_REASON', '(adjustment reason) is required');
  return adjustments;
}

/** PLB: provider id, fiscal date, then up to six (reason:reference, amount) pairs. */
function readProviderAdjustment(plb: Segment): ProviderAdjustment {
  const adjustment: ProviderAdjustment = {
    position: plb.position,
    providerId: required(plb, 1, 'provider identifier'),
    fiscalPeriodDate: required(plb, 2, 'fiscal period date'),
    adjustments: [],
  };
  for (let n = 3; n <= plb.elementCount; n += 2) {
    if (plb.element(n) === '') continue;
    const [reason = '', referenceId] = plb.components(n);
    const amount = plb.element(n + 1);
    if (amount === '')
      throw elementError(plb, n + 1, 'REQUIRED_ELEMENT', `(adjustment amount for ${reason}) is required`);
    adjustment.adjustments.push({ reason, referenceId: referenceId || undefined, amount: toMoney(plb, n + 1, amount) });
  }
  if (adjustment.adjustments.length === 0) {
    throw elementError(plb, 3, 'REQUIRED_ELEMENT', '(adjustment reason and amount) is required');
  }
  return adjustment;
}

function duplicate(segment: Segment, firstPosition: number, what: string): X12Error {
  return new X12Error(
    'DUPLICATE_SEGMENT',
    `a second ${what} in one transaction set (the first is segment ${firstPosition})`,
    segment,
  );
}
