/**
 * Streams 835 remittances from a Readable. Segments are typed as they arrive and none are kept:
 * - `streamRemittances` yields each typed remittance (with its claims) at its SE;
 * - `streamRemittanceClaims` yields each claim as soon as it ends, then the remittance without claims, so memory
 *   stays flat however large the file (a 100 MB 835 is posted claim by claim).
 * Envelope checks are those of the sync read (strict throws; lenient reports through `onIssue`). Other
 * transaction sets are skipped.
 */
import type { FunctionalGroup, Interchange } from '../envelope.ts';
import { EnvelopeAssembler } from '../envelope.ts';
import { streamSegmentBatches } from '../tokenizer.ts';
import { X12Error, type X12Issue } from '../x12-error.ts';
import { type CompletedClaim, type ParsedRemittance, RemittanceReader } from './parse-835.ts';
import type { ReassociationTrace } from './remittance.ts';

export interface StreamedRemittance {
  interchange: Interchange | undefined;
  group: FunctionalGroup | undefined;
  remittance: ParsedRemittance;
}

export type RemittanceEvent =
  | ({ type: 'claim'; transactionControlNumber: string; trace: ReassociationTrace | undefined } & CompletedClaim)
  | ({ type: 'remittance' } & StreamedRemittance);

export interface StreamOptions {
  lenient?: boolean;
  onIssue?: (issue: X12Issue) => void;
}

export async function* streamRemittances(
  source: AsyncIterable<string | Uint8Array>,
  options: StreamOptions = {},
): AsyncGenerator<StreamedRemittance> {
  for await (const event of readRemittanceEvents(source, options, true)) {
    if (event.type === 'remittance') yield event;
  }
}

export function streamRemittanceClaims(
  source: AsyncIterable<string | Uint8Array>,
  options: StreamOptions = {},
): AsyncGenerator<RemittanceEvent> {
  return readRemittanceEvents(source, options, false);
}

async function* readRemittanceEvents(
  source: AsyncIterable<string | Uint8Array>,
  options: StreamOptions,
  retainClaims: boolean,
): AsyncGenerator<RemittanceEvent> {
  const onIssue = options.lenient
    ? (issue: X12Issue) => options.onIssue?.(issue)
    : (issue: X12Issue) => {
        throw X12Error.fromIssue(issue);
      };
  const assembler = new EnvelopeAssembler({ onIssue, retain: false, retainSegments: false });
  let reader: RemittanceReader | undefined;
  let controlNumber = '';
  for await (const batch of streamSegmentBatches(source, onIssue)) {
    const events: RemittanceEvent[] = [];
    for (const segment of batch) {
      const completed = assembler.push(segment);
      if (segment.id === 'ST') {
        reader = segment.element(1) === '835' ? new RemittanceReader(segment, { retainClaims }) : undefined;
        controlNumber = segment.element(2);
      } else if (completed) {
        if (reader) {
          const remittance = reader.finish(completed.transaction);
          collectClaimEvents(reader, controlNumber, events);
          events.push({ type: 'remittance', interchange: completed.interchange, group: completed.group, remittance });
        }
        reader = undefined;
      } else if (reader && assembler.inTransaction) {
        reader.push(segment);
        if (!retainClaims) collectClaimEvents(reader, controlNumber, events);
      }
    }
    yield* events;
  }
  assembler.finish();
}

function collectClaimEvents(
  reader: RemittanceReader,
  transactionControlNumber: string,
  events: RemittanceEvent[],
): void {
  for (const completed of reader.takeCompletedClaims()) {
    events.push({ type: 'claim', transactionControlNumber, trace: reader.trace, ...completed });
  }
}
