/**
 * JSON view of a typed X12 document for the CLI: typed transactions as their objects, generic ones as segments
 * with split elements; envelope headers summarized without repeating every segment.
 */
import type { Interchange } from './envelope.ts';
import type { TypedDocument } from './typed.ts';

export function typedDocumentToJson(typed: TypedDocument): unknown {
  const { document } = typed;
  return {
    hasEnvelope: document.hasEnvelope,
    delimiters: document.delimiters,
    segmentCount: document.segmentCount,
    issues: document.issues,
    tr3Issues: typed.tr3Issues,
    interchanges: document.interchanges.map(interchangeSummary),
    interchangeAcknowledgments: typed.interchangeAcknowledgments,
    transactions: typed.transactions,
  };
}

function interchangeSummary(interchange: Interchange): unknown {
  return {
    controlNumber: interchange.controlNumber,
    sender: `${interchange.senderQualifier}:${interchange.senderId}`,
    receiver: `${interchange.receiverQualifier}:${interchange.receiverId}`,
    date: interchange.date,
    time: interchange.time,
    version: interchange.version,
    usage: interchange.usage,
    groups: interchange.groups.map((group) => ({
      functionalId: group.functionalId,
      controlNumber: group.controlNumber,
      version: group.version,
      transactions: group.transactions.map((transaction) => ({
        setId: transaction.setId,
        controlNumber: transaction.controlNumber,
        segmentCount: transaction.segmentCount,
      })),
    })),
  };
}
