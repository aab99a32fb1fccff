/**
 * Reads a 277CA transaction set. The HL hierarchy is rebuilt from HL01/HL02 with the level codes checked
 * (20 -> 21 -> 19 -> PT), so a broken parent link is reported at its HL segment.
 */
import type { Transaction } from '../envelope.ts';
import {
  amountAt,
  optionalAmountAt,
  readAmount,
  readDtp,
  readName,
  readQuantity,
  readReference,
  required,
} from '../fields.ts';
import type { Segment } from '../segment.ts';
import { makeIssue, X12Error, type X12Issue } from '../x12-error.ts';
import type {
  BillingProvider,
  ClaimAcknowledgment,
  ClaimOutcome,
  ClaimStatus,
  HierarchyLevel,
  InformationReceiver,
  InformationSource,
  ServiceLineStatus,
  StatusCode,
  StatusInfo,
} from './claim-acknowledgment.ts';
import { claimStatusCategory, OUTCOME_PRECEDENCE } from './status-categories.ts';

/** Which level code may sit under which parent level code. */
const PARENT_LEVEL: Readonly<Record<string, string | undefined>> = {
  '20': undefined,
  '21': '20',
  '19': '21',
  PT: '19',
};

type AnyLevel = InformationSource | InformationReceiver | BillingProvider | ClaimStatus;

export function parse277ca(transaction: Transaction): ClaimAcknowledgment {
  if (transaction.setId !== '277') {
    throw new X12Error(
      'WRONG_SET',
      `expected a 277 transaction set, found ST01 "${transaction.setId}"`,
      transaction.header,
    );
  }
  let beginning: ClaimAcknowledgment['beginning'] | undefined;
  const sources: InformationSource[] = [];
  const claims: ClaimStatus[] = [];
  const levels = new Map<string, { code: string; level: AnyLevel }>();
  let current: AnyLevel | undefined;
  let line: ServiceLineStatus | undefined;
  const issues: X12Issue[] = [];

  const segments = transaction.segments;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] as Segment;
    switch (segment.id) {
      case 'BHT':
        if (beginning) {
          throw new X12Error(
            'DUPLICATE_SEGMENT',
            `a second BHT (beginning of hierarchical transaction) in one 277CA (the first is segment ${beginning.position})`,
            segment,
          );
        }
        beginning = {
          position: segment.position,
          structure: segment.element(1),
          purpose: segment.element(2),
          referenceId: segment.element(3),
          date: segment.element(4),
          time: segment.optional(5),
          type: segment.optional(6),
        };
        break;
      case 'HL': {
        current = openLevel(segment, levels, sources, claims);
        line = undefined;
        break;
      }
      case 'NM1':
        inLevel(current, segment).name = readName(segment);
        break;
      case 'TRN': {
        const level = inLevel(current, segment);
        level.traceNumber = required(segment, 2, 'trace number');
        if ('patientControlNumber' in level) level.patientControlNumber = level.traceNumber;
        break;
      }
      case 'STC': {
        const status = readStatus(segment, issues);
        (line ?? inLevel(current, segment)).statuses.push(status);
        break;
      }
      case 'REF': {
        const reference = readReference(segment);
        const level = inLevel(current, segment);
        if (line) line.references.push(reference);
        else {
          level.references.push(reference);
          if ('patientControlNumber' in level && reference.qualifier === '1K') level.payerClaimNumber = reference.value;
          if ('patientControlNumber' in level && reference.qualifier === 'D9')
            level.clearinghouseTraceNumber = reference.value;
        }
        break;
      }
      case 'DTP':
        (line ?? inLevel(current, segment)).dates.push(readDtp(segment));
        break;
      case 'QTY':
        inLevel(current, segment).quantities.push(readQuantity(segment));
        break;
      case 'AMT':
        inLevel(current, segment).amounts.push(readAmount(segment));
        break;
      case 'SVC': {
        const level = inLevel(current, segment);
        if (!('lines' in level))
          throw new X12Error('SVC_CONTEXT', 'SVC must be inside a patient (HL*PT) level', segment);
        line = readLine(segment);
        level.lines.push(line);
        break;
      }
      default:
        // Not a 277CA (005010X214) segment: reported, never dropped silently.
        issues.push(makeIssue('UNEXPECTED_SEGMENT', `${segment.id} is not a 277CA segment; ignored`, segment));
        break;
    }
  }
  if (!beginning)
    throw new X12Error(
      'BHT_MISSING',
      'the 277CA has no BHT (beginning of hierarchical transaction)',
      transaction.header,
    );
  for (const claim of claims) claim.outcome = outcomeOf(claim);
  return {
    controlNumber: transaction.controlNumber,
    implementationGuide: transaction.implementationGuide,
    beginning,
    sources,
    claims,
    issues,
  };
}

function openLevel(
  hl: Segment,
  levels: Map<string, { code: string; level: AnyLevel }>,
  sources: InformationSource[],
  claims: ClaimStatus[],
): AnyLevel {
  const id = required(hl, 1, 'hierarchical id number');
  const parentId = hl.optional(2);
  const code = required(hl, 3, 'hierarchical level code');
  if (!(code in PARENT_LEVEL)) {
    throw new X12Error('HL_LEVEL', `HL03 "${code}" is not a 277CA level (expected 20, 21, 19 or PT)`, hl);
  }
  if (levels.has(id)) throw new X12Error('HL_DUPLICATE', `HL01 "${id}" is used twice`, hl);
  const expectedParent = PARENT_LEVEL[code];
  const parent = parentId === undefined ? undefined : levels.get(parentId);
  if (expectedParent === undefined && parentId !== undefined) {
    throw new X12Error('HL_PARENT', `HL*20 (information source) must have no parent, found HL02 "${parentId}"`, hl);
  }
  if (expectedParent !== undefined && parent?.code !== expectedParent) {
    throw new X12Error(
      'HL_PARENT',
      `HL02 "${parentId ?? ''}" must name an earlier HL with level ${expectedParent} for level ${code}` +
        (parent ? `, but it names level ${parent.code}` : ''),
      hl,
    );
  }
  const base: HierarchyLevel = {
    id,
    parentId,
    position: hl.position,
    statuses: [],
    references: [],
    dates: [],
    quantities: [],
    amounts: [],
  };
  let level: AnyLevel;
  if (code === '20') {
    level = { ...base, receivers: [] };
    sources.push(level);
  } else if (code === '21') {
    level = { ...base, providers: [] };
    (parent?.level as InformationSource | undefined)?.receivers.push(level);
  } else if (code === '19') {
    level = { ...base, patients: [] };
    (parent?.level as InformationReceiver | undefined)?.providers.push(level);
  } else {
    level = { ...base, patientControlNumber: '', outcome: 'unknown', lines: [] };
    (parent?.level as BillingProvider | undefined)?.patients.push(level);
    claims.push(level);
  }
  levels.set(id, { code, level });
  return level;
}

function inLevel(level: AnyLevel | undefined, segment: Segment): AnyLevel {
  if (!level) throw new X12Error('HL_MISSING', `${segment.id} must follow an HL (hierarchical level)`, segment);
  return level;
}

function readStatus(stc: Segment, issues: X12Issue[]): StatusInfo {
  const codes = [1, 10, 11].filter((n) => stc.element(n) !== '').map((n) => readStatusCode(stc, n));
  for (const [index, code] of codes.entries()) {
    if (!code.categoryInfo.known) {
      const element = `STC${String([1, 10, 11][index]).padStart(2, '0')}-1`;
      issues.push(
        makeIssue(
          'STC_CATEGORY',
          `${element} "${code.category}" is not a claim status category code (code list 507)`,
          stc,
        ),
      );
    }
  }
  return {
    position: stc.position,
    codes,
    date: stc.optional(2),
    actionCode: stc.optional(3),
    chargeAmount: optionalAmountAt(stc, 4),
    message: stc.optional(12),
    rejected: codes.some((code) => code.categoryInfo.outcome === 'rejected'),
  };
}

function readStatusCode(stc: Segment, n: number): StatusCode {
  const [category = '', status = '', entity, codeListQualifier] = stc.components(n);
  if (category === '' || status === '') {
    throw new X12Error(
      'STC_COMPOSITE',
      `STC${String(n).padStart(2, '0')} must be "category${stc.delimiters.component}status[${stc.delimiters.component}entity]" ` +
        `using the component separator declared in ISA16, found "${stc.element(n)}"`,
      stc,
    );
  }
  return {
    category,
    categoryInfo: claimStatusCategory(category),
    status,
    entity: entity || undefined,
    codeListQualifier: codeListQualifier || undefined,
  };
}

function readLine(svc: Segment): ServiceLineStatus {
  const [qualifier = '', code = '', ...modifiers] = svc.components(1);
  return {
    position: svc.position,
    procedure: { qualifier, code, modifiers: modifiers.filter((modifier) => modifier !== '') },
    chargeAmount: amountAt(svc, 2, 'line item charge'),
    statuses: [],
    references: [],
    dates: [],
  };
}

/** The most serious outcome among every category on the claim and its lines (OUTCOME_PRECEDENCE). */
function outcomeOf(claim: ClaimStatus): ClaimOutcome {
  let best = OUTCOME_PRECEDENCE.length - 1;
  for (const status of [...claim.statuses, ...claim.lines.flatMap((line) => line.statuses)]) {
    for (const code of status.codes) {
      best = Math.min(best, OUTCOME_PRECEDENCE.indexOf(code.categoryInfo.outcome));
    }
  }
  return OUTCOME_PRECEDENCE[best] as ClaimOutcome;
}
