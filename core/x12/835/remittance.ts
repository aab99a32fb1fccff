/**
 * The typed 835 health care claim payment/advice (005010X221A1). Money is integer cents. Each part keeps the
 * segment position it came from so that balancing and posting problems can point at the exact place.
 */
import type { Cents } from '#core/kernel/money';
import type { Address, AmountValue, DateValue, EntityName, QuantityValue, Reference } from '../fields.ts';
import type { BalanceReport } from './balance.ts';

export interface Remittance {
  /** ST02. */
  controlNumber: string;
  implementationGuide: string | undefined;
  payment: PaymentInformation;
  trace: ReassociationTrace;
  /** Header REF (EV receiver id, F2 version) and DTM*405 production date. */
  references: Reference[];
  dates: DateValue[];
  payer: RemittanceParty;
  payee: RemittanceParty;
  /** LX header numbers with their TS3/TS2 provider summaries, each holding the claims that follow it. */
  headerNumbers: HeaderNumber[];
  /** Every claim in file order (also reachable through headerNumbers). */
  claims: ClaimPayment[];
  providerAdjustments: ProviderAdjustment[];
  balance: BalanceReport;
}

export interface PaymentInformation {
  /** BPR01: I remittance with payment, H notification only, C payment accompanies remittance, D make payment only, P prenotification, U split, X handling. */
  handling: string;
  /** BPR02 total actual provider payment. */
  totalPaid: Cents;
  /** BPR03: C credit, D debit. */
  creditDebit: string;
  /** BPR04: ACH, BOP, CHK, FWT, NON. */
  method: string;
  /** BPR05 payment format, e.g. CCP, CTX. */
  format?: string;
  /** BPR16 check issue or EFT effective date (CCYYMMDD). */
  date: string;
  senderAccount?: BankAccount;
  receiverAccount?: BankAccount;
  /** BPR10 payer identifier. */
  originatingCompanyId?: string;
  /** Position of the BPR segment. */
  position: number;
}

export interface BankAccount {
  /** DFI id qualifier (01 ABA, 04 Canadian). */
  dfiQualifier: string;
  dfiId: string;
  /** Account number qualifier (DA demand deposit). */
  accountQualifier?: string;
  accountNumber?: string;
}

export interface ReassociationTrace {
  /** TRN01 "1" current transaction trace numbers. */
  type: string;
  /** TRN02 check or EFT trace number: the key to match money to remittance. */
  number: string;
  /** TRN03 payer identifier ("1" + tax id). */
  originatorId: string;
  originatorSupplementalId?: string;
  /** Position of the TRN segment. */
  position: number;
}

export interface RemittanceParty {
  /** N101: "PR" payer, "PE" payee. */
  entity: string;
  name: string;
  /** N103, e.g. "XX" NPI, "FI" tax id. */
  idQualifier?: string;
  id?: string;
  address?: Address;
  references: Reference[];
  /** PER contacts (qualifier and name with communication numbers). */
  contacts: Contact[];
  position: number;
}

export interface Contact {
  function: string;
  name?: string;
  numbers: { qualifier: string; number: string }[];
}

export interface HeaderNumber {
  /** LX01 assigned number. */
  number: string;
  position: number;
  /** TS3 provider summary (facility), when present. */
  summary?: ProviderSummary;
  /** TS2 supplemental summary (Medicare Part A institutional). */
  supplementalSummary?: SupplementalSummary;
  claims: ClaimPayment[];
}

/** TS2 values keyed by element number: amounts (TS201-206, 208, 209, 215, 217-219) and counts (TS207, 210-214, 216). */
export interface SupplementalSummary {
  amounts: Record<number, Cents>;
  quantities: Record<number, number>;
}

export interface ProviderSummary {
  providerId: string;
  facilityCode: string;
  fiscalPeriodDate: string;
  claimCount: number;
  totalCharge: Cents;
}

/** CLP02 claim status codes. */
export const CLAIM_STATUS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '1': 'processed as primary',
  '2': 'processed as secondary',
  '3': 'processed as tertiary',
  '4': 'denied',
  '19': 'processed as primary, forwarded to additional payer(s)',
  '20': 'processed as secondary, forwarded to additional payer(s)',
  '21': 'processed as tertiary, forwarded to additional payer(s)',
  '22': 'reversal of previous payment',
  '23': 'not our claim, forwarded to additional payer(s)',
  '25': 'predetermination pricing only, no payment',
};

export interface ClaimPayment {
  position: number;
  /** CLP01: our CLM01 patient control number. */
  patientControlNumber: string;
  /** CLP02. */
  status: string;
  statusDescription: string;
  /** CLP03 total claim charge. */
  chargeAmount: Cents;
  /** CLP04 claim payment amount. */
  paidAmount: Cents;
  /** CLP05 patient responsibility. */
  patientResponsibility?: Cents;
  /** CLP06 claim filing indicator (MC Medicaid, MB Medicare Part B, 12 PPO...). */
  filingIndicator?: string;
  /** CLP07 payer claim control number (the ICN); with CLP01 and TRN02, the dedupe key. */
  payerClaimControlNumber?: string;
  /** CLP08 facility type (place of service for professional claims). */
  facilityCode?: string;
  /** CLP09 claim frequency. */
  frequency?: string;
  /** CLP11 DRG code. */
  drgCode?: string;
  /** Claim-level CAS adjustments only (line CAS are on each line). */
  adjustments: Adjustment[];
  patient?: EntityName;
  insured?: EntityName;
  correctedPatient?: EntityName;
  renderingProvider?: EntityName;
  /** Other NM1 names in the claim (crossover carrier TT, corrected priority payer PR, other subscriber GB...). */
  otherNames: EntityName[];
  inpatient?: InpatientAdjudication;
  outpatient?: OutpatientAdjudication;
  references: Reference[];
  dates: DateValue[];
  contacts: Contact[];
  amounts: AmountValue[];
  quantities: QuantityValue[];
  lines: ServiceLinePayment[];
  /** LX01 of the header number group the claim sits in. */
  headerNumber?: string;
}

export interface Adjustment {
  /** CAS01: CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction/reversal. */
  group: string;
  /** Claim adjustment reason code (CARC). */
  reason: string;
  amount: Cents;
  quantity?: number;
  position: number;
}

/** MIA inpatient adjudication: typed key fields plus the remark codes. */
export interface InpatientAdjudication {
  coveredDaysOrVisits?: number;
  drgAmount?: Cents;
  remarkCodes: string[];
  /** All elements as sent (1-based positions at index 1..). */
  elements: string[];
}

/** MOA outpatient adjudication. */
export interface OutpatientAdjudication {
  reimbursementRate?: number;
  hcpcsPayableAmount?: Cents;
  remarkCodes: string[];
  esrdPaymentAmount?: Cents;
  nonPayableProfessionalComponent?: Cents;
}

export interface Procedure {
  /** Product/service id qualifier: HC HCPCS/CPT, AD ADA, ER jurisdiction, IV HIEC, N4 NDC, NU revenue, WK, ZZ mutually defined. */
  qualifier: string;
  code: string;
  modifiers: string[];
  description?: string;
}

export interface ServiceLinePayment {
  position: number;
  /** SVC01 as adjudicated. */
  procedure: Procedure;
  /** SVC02 line charge. */
  chargeAmount: Cents;
  /** SVC03 line payment. */
  paidAmount: Cents;
  /** SVC04 NUBC revenue code. */
  revenueCode?: string;
  /** SVC05 units of service paid. */
  units?: number;
  /** SVC06: the procedure as submitted, when the payer changed (restated) it. */
  originalProcedure?: Procedure;
  /** SVC07 original units. */
  originalUnits?: number;
  adjustments: Adjustment[];
  references: Reference[];
  dates: DateValue[];
  amounts: AmountValue[];
  quantities: QuantityValue[];
  /** LQ remark codes (HE = RARC, RX = NCPDP reject). */
  remarkCodes: { qualifier: string; code: string }[];
}

export interface ProviderAdjustment {
  position: number;
  /** PLB01 provider identifier. */
  providerId: string;
  /** PLB02 fiscal period date (CCYYMMDD). */
  fiscalPeriodDate: string;
  adjustments: ProviderAdjustmentItem[];
}

export interface ProviderAdjustmentItem {
  /** PLB03-1 adjustment reason: L6 interest, WO overpayment recovery, 72 authorized return, FB forwarding balance, CS, CV, CT... */
  reason: string;
  /** PLB03-2 reference id (e.g. the ICN of the recouped claim). */
  referenceId?: string;
  /** Positive decreases the payment, negative increases it (interest is negative). */
  amount: Cents;
}
