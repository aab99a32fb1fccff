/**
 * Reads any X12 text and runs each transaction set through its typed parser: 999, 277 (277CA, 005010X214) and
 * 835; other sets (837, 270, 271, 277 claim status responses...) stay generic. TA1 segments become typed
 * interchange acknowledgments.
 */

import type { ClaimAcknowledgment } from './277ca/claim-acknowledgment.ts';
import { parse277ca } from './277ca/parse-277ca.ts';
import type { ParsedRemittance } from './835/parse-835.ts';
import { parse835 } from './835/parse-835.ts';
import type { ImplementationAcknowledgment } from './999/implementation-acknowledgment.ts';
import { parse999 } from './999/parse-999.ts';
import type { Transaction } from './envelope.ts';
import { allTransactions, type ReadOptions, readX12, type X12Document } from './reader.ts';
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
  document: X12Document;
  interchangeAcknowledgments: InterchangeAcknowledgment[];
  transactions: TypedTransaction[];
}

export function readTypedX12(text: string, options: ReadOptions = {}): TypedDocument {
  const document = readX12(text, options);
  const interchangeAcknowledgments = document.interchanges.flatMap((interchange) =>
    interchange.interchangeSegments.filter((segment) => segment.id === 'TA1').map(parseTa1),
  );
  const transactions = allTransactions(document).map(({ transaction }) => parseTransaction(transaction));
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
