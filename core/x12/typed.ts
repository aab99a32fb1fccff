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
import type { Transaction } from './envelope.ts';
import { type ReadOptions, readX12WithHooks, type X12Document } from './reader.ts';
import type { Segment } from './segment.ts';
import { type InterchangeAcknowledgment, parseTa1 } from './ta1.ts';

export type TypedTransaction =
  | { kind: '835'; controlNumber: string; remittance: ParsedRemittance }
  | { kind: '999'; controlNumber: string; acknowledgment: ImplementationAcknowledgment }
  | { kind: '277CA'; controlNumber: string; claimAcknowledgment: ClaimAcknowledgment }
  | {
      kind: 'generic';
      controlNumber: string;
      setId: string;
      implementationGuide: string | undefined;
      segments: Segment[];
    };

export interface TypedDocument {
  /**
   * The generic document. 835 transaction sets are typed while they are read, so their `segments` hold only ST and
   * SE (a large remittance never keeps its segments); other sets keep all their segments.
   */
  document: X12Document;
  interchangeAcknowledgments: InterchangeAcknowledgment[];
  transactions: TypedTransaction[];
}

export function readTypedX12(text: string, options: ReadOptions = {}): TypedDocument {
  const transactions: TypedTransaction[] = [];
  let remittanceReader: RemittanceReader | undefined;
  const document = readX12WithHooks(text, options, {
    retainSegments: (st) => st.element(1) !== '835',
    onSegment: (segment, inTransaction) => {
      if (segment.id === 'ST')
        remittanceReader = segment.element(1) === '835' ? new RemittanceReader(segment) : undefined;
      else if (inTransaction) remittanceReader?.push(segment);
    },
    onTransaction: ({ transaction }) => {
      if (remittanceReader) {
        const remittance = remittanceReader.finish(transaction);
        transactions.push({ kind: '835', controlNumber: transaction.controlNumber, remittance });
      } else {
        transactions.push(parseTransaction(transaction));
      }
      remittanceReader = undefined;
    },
  });
  const interchangeAcknowledgments = document.interchanges.flatMap((interchange) =>
    interchange.interchangeSegments.filter((segment) => segment.id === 'TA1').map(parseTa1),
  );
  return { document, interchangeAcknowledgments, transactions };
}

/** The typed parser for one transaction set, chosen by ST01 (and, for 277, the 005010X214 guide). */
export function parseTransaction(transaction: Transaction): TypedTransaction {
  const controlNumber = transaction.controlNumber;
  switch (transaction.setId) {
    case '835':
      return { kind: '835', controlNumber, remittance: parse835(transaction) };
    case '999':
      return { kind: '999', controlNumber, acknowledgment: parse999(transaction) };
    case '277':
      if (transaction.implementationGuide?.startsWith('005010X214')) {
        return { kind: '277CA', controlNumber, claimAcknowledgment: parse277ca(transaction) };
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
  };
}
