/**
 * Constructors for the claim-level parts of a typed 835 (claims, service lines, adjustments, procedures, remark
 * codes). They are classes rather than object literals on purpose: V8 learns for each literal in the source whether
 * the objects it creates outlive the young generation, and once one large remittance (all of whose claims stay alive
 * until it ends) has taught it that, it allocates every later object of that literal directly in the old
 * generation; small files then parse much slower (typed 835 on the official samples fell from 1.8x to 1.1x node-x12
 * after one 13 MB remittance in the same process). Objects made by `new`, and arrays copied by `slice`, carry no
 * such allocation site. Each constructor reads and assigns the same properties, in the same order, as the literal
 * it replaces, so errors, JSON and key order are unchanged. Properties are `declare`d, not defined, so constructing
 * is just those assignments (a defined class field would first be created as undefined, then assigned).
 */
import type { Cents } from '#core/kernel/money';
import {
  type AmountValue,
  amountAt,
  type DateValue,
  type EntityName,
  elementError,
  optionalAmountAt,
  optionalQuantityAt,
  type QuantityValue,
  type Reference,
  required,
} from '../fields.ts';
import type { Segment } from '../segment.ts';
import {
  type Adjustment,
  CLAIM_STATUS_DESCRIPTIONS,
  type ClaimPayment,
  type Contact,
  type InpatientAdjudication,
  type OutpatientAdjudication,
  type Procedure,
  type ServiceLinePayment,
} from './remittance.ts';

/** Never modified: only copied by `newList`. */
const NO_ITEMS: never[] = [];

/** A new empty list with no allocation site (see the file comment); as cheap as `[]`, unlike `Array.of()`. */
export function newList<T>(): T[] {
  return NO_ITEMS.slice();
}

export class ClaimRecord implements ClaimPayment {
  declare position: number;
  declare patientControlNumber: string;
  declare status: string;
  declare statusDescription: string;
  declare chargeAmount: Cents;
  declare paidAmount: Cents;
  declare patientResponsibility: Cents | undefined;
  declare filingIndicator: string | undefined;
  declare payerClaimControlNumber: string | undefined;
  declare facilityCode: string | undefined;
  declare frequency: string | undefined;
  declare drgCode: string | undefined;
  declare adjustments: Adjustment[];
  declare otherNames: EntityName[];
  declare references: Reference[];
  declare dates: DateValue[];
  declare contacts: Contact[];
  declare amounts: AmountValue[];
  declare quantities: QuantityValue[];
  declare lines: ServiceLinePayment[];
  declare headerNumber: string | undefined;
  // Set later, only when the claim has them.
  declare patient?: EntityName;
  declare insured?: EntityName;
  declare correctedPatient?: EntityName;
  declare renderingProvider?: EntityName;
  declare inpatient?: InpatientAdjudication;
  declare outpatient?: OutpatientAdjudication;

  /** `status` is CLP02, already read (and required) by the caller. */
  constructor(clp: Segment, status: string, headerNumber: string | undefined) {
    this.position = clp.position;
    this.patientControlNumber = required(clp, 1, 'patient control number');
    this.status = status;
    this.statusDescription = CLAIM_STATUS_DESCRIPTIONS[status] ?? 'unknown status code';
    this.chargeAmount = amountAt(clp, 3, 'total claim charge');
    this.paidAmount = amountAt(clp, 4, 'claim payment amount');
    this.patientResponsibility = optionalAmountAt(clp, 5);
    this.filingIndicator = clp.optional(6);
    this.payerClaimControlNumber = clp.optional(7);
    this.facilityCode = clp.optional(8);
    this.frequency = clp.optional(9);
    this.drgCode = clp.optional(11);
    this.adjustments = newList();
    this.otherNames = newList();
    this.references = newList();
    this.dates = newList();
    this.contacts = newList();
    this.amounts = newList();
    this.quantities = newList();
    this.lines = newList();
    this.headerNumber = headerNumber;
  }
}

export class ServiceLineRecord implements ServiceLinePayment {
  declare position: number;
  declare procedure: Procedure;
  declare chargeAmount: Cents;
  declare paidAmount: Cents;
  declare revenueCode: string | undefined;
  declare units: number | undefined;
  declare originalProcedure: Procedure | undefined;
  declare originalUnits: number | undefined;
  declare adjustments: Adjustment[];
  declare references: Reference[];
  declare dates: DateValue[];
  declare amounts: AmountValue[];
  declare quantities: QuantityValue[];
  declare remarkCodes: { qualifier: string; code: string }[];

  constructor(svc: Segment) {
    this.position = svc.position;
    this.procedure = readProcedure(svc, 1);
    this.chargeAmount = amountAt(svc, 2, 'line item charge');
    this.paidAmount = amountAt(svc, 3, 'line item provider payment');
    this.revenueCode = svc.optional(4);
    this.units = optionalQuantityAt(svc, 5);
    this.originalProcedure = svc.optional(6) === undefined ? undefined : readProcedure(svc, 6);
    this.originalUnits = optionalQuantityAt(svc, 7);
    this.adjustments = newList();
    this.references = newList();
    this.dates = newList();
    this.amounts = newList();
    this.quantities = newList();
    this.remarkCodes = newList();
  }
}

export class AdjustmentRecord implements Adjustment {
  declare group: string;
  declare reason: string;
  declare amount: Cents;
  declare quantity: number | undefined;
  declare position: number;

  constructor(group: string, reason: string, amount: Cents, quantity: number | undefined, position: number) {
    this.group = group;
    this.reason = reason;
    this.amount = amount;
    this.quantity = quantity;
    this.position = position;
  }
}

/** An LQ remark code. */
export class RemarkCode {
  declare qualifier: string;
  declare code: string;

  constructor(qualifier: string, code: string) {
    this.qualifier = qualifier;
    this.code = code;
  }
}

class ProcedureRecord implements Procedure {
  declare qualifier: string;
  declare code: string;
  declare modifiers: string[];
  declare description: string | undefined;

  constructor(qualifier: string, code: string, modifiers: string[], description: string | undefined) {
    this.qualifier = qualifier;
    this.code = code;
    this.modifiers = modifiers;
    this.description = description;
  }
}

/** SVC01/SVC06 composite: qualifier:code:modifier1..4:description. */
export function readProcedure(svc: Segment, n: number): Procedure {
  const parts = svc.components(n);
  const qualifier = parts[0] ?? '';
  const code = parts[1] ?? '';
  if (!isProcedureQualifier(qualifier) || code === '') {
    throw elementError(
      svc,
      n,
      'PROCEDURE_COMPOSITE',
      `must be a composite "qualifier${svc.delimiters.component}code[${svc.delimiters.component}modifiers]" ` +
        `using the component separator "${svc.delimiters.component}" declared in ISA16`,
    );
  }
  const modifiers = newList<string>();
  for (let index = 2; index < parts.length && index < 6; index++) {
    const modifier = parts[index] as string;
    if (modifier !== '') modifiers.push(modifier);
  }
  const description = parts[6];
  return new ProcedureRecord(qualifier, code, modifiers, description === '' ? undefined : description);
}

/** Two upper-case letters or digits (HC, AD, N4...). */
function isProcedureQualifier(qualifier: string): boolean {
  if (qualifier.length !== 2) return false;
  for (let i = 0; i < 2; i++) {
    const code = qualifier.charCodeAt(i);
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 90))) return false;
  }
  return true;
}
