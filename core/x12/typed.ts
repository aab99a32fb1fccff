/**
 * Reads any X12 text and runs each transaction set through its typed parser: 999, 277 (277CA, 005010X214) and
 * 835; other sets (837, 270, 271, 277 claim status responses...) stay generic. TA1 segments become typed
 * interchange acknowledgments.
 */

import type { ClaimAcknowledgment } from './277ca/claim-acknowledgment.ts';
import { parse277ca } from './277ca/parse-277ca.ts';
import type { ParsedRemittance } from './835/parse-835.ts';
import { parse835, RemittanceReader } from './835/parse-835.ts';
import type { ImplementationAcknowledgment } from './999/implementation-acknowledgment.ts';
import { parse999 } from './999/parse-999.ts';
import { ContentRules } from './content/content-rules.ts';
import type { EnvelopedTransaction, Transaction } from './envelope.ts';
import { type ReadHooks, type ReadOptions, readX12WithHooks, type X12Document } from './reader.ts';
import type { Segment } from './segment.ts';
import { type InterchangeAcknowledgment, parseTa1 } from './ta1.ts';
import type { X12Issue } from './x12-error.ts';

/**
 * One typed transaction set. `tr3Issues` lists, in segment order, what breaks the TR3's content rules although the
 * syntax and envelope are valid (content/content-rules.ts, plus the typed parser's own findings: 835 warnings,
 * 999 and 277CA issues). A set with TR3 issues is read, but it is not valid.
 */
export type TypedTransaction = (
  | { kind: '835'; controlNumber: string; remittance: ParsedRemittance }
  | { kind: '999'; controlNumber: string; acknowledgment: ImplementationAcknowledgment }
  | { kind: '277CA'; controlNumber: string; claimAcknowledgment: ClaimAcknowledgment }
  | {
      kind: 'generic';
      controlNumber: string;
      setId: string;
      implementationGuide: string | undefined;
      segments: Segment[];
    }
) & { tr3Issues: X12Issue[] };

export interface TypedDocument {
  /**
   * The generic document. 835 transaction sets are typed while they are read, so their `segments` hold only ST and
   * SE (a large remittance never keeps its segments); other sets keep all their segments.
   */
  document: X12Document;
  interchangeAcknowledgments: InterchangeAcknowledgment[];
  transactions: TypedTransaction[];
  /** Every transaction's TR3 issues, in file order. */
  tr3Issues: X12Issue[];
}

export function readTypedX12(text: string, options: ReadOptions = {}): TypedDocument {
  const typing = new TransactionTyping(options);
  const document = readX12WithHooks(text, options, typing);
  const interchangeAcknowledgments: InterchangeAcknowledgment[] = [];
  for (const interchange of document.interchanges) {
    for (const segment of interchange.interchangeSegments) {
      if (segment.id === 'TA1') interchangeAcknowledgments.push(parseTa1(segment));
    }
  }
  const tr3Issues = typing.transactions.flatMap((transaction) => transaction.tr3Issues);
  return { document, interchangeAcknowledgments, transactions: typing.transactions, tr3Issues };
}

/**
 * The read hooks of `readTypedX12`: 835s are typed segment by segment as they are read (their segments are not
 * kept), other sets once complete. A class rather than closures, so reading many small files creates no functions.
 */
class TransactionTyping implements ReadHooks {
  readonly transactions: TypedTransaction[] = [];
  /** 835 segments are read element by element as they arrive. */
  readonly indexElements = true;
  #remittanceReader: RemittanceReader | undefined;
  #contentRules: ContentRules | undefined;
  readonly #options: ReadOptions;

  constructor(options: ReadOptions) {
    this.#options = options;
  }

  retainSegments(st: Segment): boolean {
    return st.element(1) !== '835';
  }

  onSegment(segment: Segment, inTransaction: boolean): void {
    if (segment.id === 'ST') {
      this.#remittanceReader = segment.element(1) === '835' ? new RemittanceReader(segment) : undefined;
      this.#contentRules = new ContentRules(segment);
    } else if (inTransaction) {
      this.#remittanceReader?.push(segment);
      this.#contentRules?.push(segment);
    }
  }

  onTransaction({ transaction }: EnvelopedTransaction): void {
    const remittanceReader = this.#remittanceReader;
    const contentIssues = this.#contentRules?.finish(transaction) ?? checkContent(transaction);
    if (remittanceReader) {
      const remittance = remittanceReader.finish(transaction);
      this.transactions.push({
        kind: '835',
        controlNumber: transaction.controlNumber,
        remittance,
        tr3Issues: inOrder(contentIssues, remittance.warnings),
      });
    } else {
      this.transactions.push(typeTransaction(transaction, this.#options, contentIssues));
    }
    this.#remittanceReader = undefined;
    this.#contentRules = undefined;
  }
}

/**
 * The typed parser for one transaction set, chosen by ST01 (and, for 277, the 005010X214 guide), with the TR3
 * content rules checked on its segments.
 */
export function parseTransaction(transaction: Transaction, options: ReadOptions = {}): TypedTransaction {
  return typeTransaction(transaction, options, checkContent(transaction));
}

function typeTransaction(transaction: Transaction, options: ReadOptions, contentIssues: X12Issue[]): TypedTransaction {
  const controlNumber = transaction.controlNumber;
  switch (transaction.setId) {
    case '835': {
      const remittance = parse835(transaction);
      return { kind: '835', controlNumber, remittance, tr3Issues: inOrder(contentIssues, remittance.warnings) };
    }
    case '999': {
      const acknowledgment = parse999(transaction, options);
      return { kind: '999', controlNumber, acknowledgment, tr3Issues: inOrder(contentIssues, acknowledgment.issues) };
    }
    case '277':
      if (transaction.implementationGuide?.startsWith('005010X214')) {
        const claimAcknowledgment = parse277ca(transaction);
        return {
          kind: '277CA',
          controlNumber,
          claimAcknowledgment,
          tr3Issues: inOrder(contentIssues, claimAcknowledgment.issues),
        };
      }
      break;
    default:
      break;
  }
  return {
    kind: 'generic',
    controlNumber,
    setId: transaction.setId,
    implementationGuide: transaction.implementationGuide,
    segments: transaction.segments,
    tr3Issues: contentIssues,
  };
}

/** The TR3 content rules over a transaction whose segments were kept. */
function checkContent(transaction: Transaction): X12Issue[] {
  const rules = new ContentRules(transaction.header);
  const segments = transaction.segments;
  for (let i = 1; i < segments.length - 1; i++) rules.push(segments[i] as Segment);
  return rules.finish(transaction);
}

function inOrder(first: X12Issue[], second: readonly X12Issue[]): X12Issue[] {
  if (second.length === 0) return first;
  return [...first, ...second].sort((a, b) => a.position - b.position);
}
