/**
 * Public entry point for reading X12: a fast synchronous read of a whole text into
 * interchanges -> groups -> transactions -> segments, and a streaming read that yields one transaction at a time.
 *
 * Strict by default: the first envelope or syntax problem throws an X12Error naming the segment position, id and
 * what was expected. With `{ lenient: true }` recoverable problems are collected in `issues` instead.
 */
import type { Delimiters } from './delimiters.ts';
import { EnvelopeAssembler, type EnvelopedTransaction, type Interchange, type Transaction } from './envelope.ts';
import type { Segment } from './segment.ts';
import { SegmentScanner, streamSegmentBatches } from './tokenizer.ts';
import { X12Error, type X12Issue } from './x12-error.ts';

export type { Delimiters } from './delimiters.ts';
export type { EnvelopedTransaction, FunctionalGroup, Interchange, Transaction } from './envelope.ts';
export { Segment } from './segment.ts';
export { X12Error, type X12Issue, type X12Location } from './x12-error.ts';

export interface ReadOptions {
  /** Collect envelope problems as issues instead of throwing on the first one. */
  lenient?: boolean;
}

export interface X12Document {
  /** False when the data starts at ST with no ISA/GS envelope. */
  hasEnvelope: boolean;
  /** Delimiters of the first interchange (assumed ones for a bare transaction set). */
  delimiters: Delimiters;
  interchanges: Interchange[];
  /** Transaction sets that arrived without an envelope (or, read leniently, outside a functional group). */
  bareTransactions: Transaction[];
  /** Problems found in lenient mode (always empty in strict mode, which throws instead). */
  issues: X12Issue[];
  /** Total number of segments read. */
  segmentCount: number;
}

/** Read a complete X12 text (a leading UTF-8 BOM and line breaks between segments are accepted). */
export function readX12(text: string, options: ReadOptions = {}): X12Document {
  return readX12WithHooks(text, options, {});
}

/** Hooks for readers that type transaction sets while the text is being read. */
export interface ReadHooks {
  /** Whether to keep the body segments of the transaction this ST opens (default true); called without `this`. */
  retainSegments?: (st: Segment) => boolean;
  /** Every segment, after the envelope has seen it; `inTransaction` is true for ST..SE body segments. */
  onSegment?: (segment: Segment, inTransaction: boolean) => void;
  /** Each transaction set once its SE has been checked. */
  onTransaction?: (completed: EnvelopedTransaction) => void;
  /** Index each segment's elements while scanning it (for hooks that read the elements of every segment). */
  indexElements?: boolean;
}

/** `readX12` with hooks; the document is the same except for transactions whose segments were not retained. */
export function readX12WithHooks(text: string, options: ReadOptions, hooks: ReadHooks): X12Document {
  const issues: X12Issue[] = [];
  const onIssue = options.lenient ? (issue: X12Issue) => issues.push(issue) : throwIssue;
  const scanner = new SegmentScanner(text, onIssue, { indexElements: hooks.indexElements });
  const assembler = new EnvelopeAssembler({ onIssue, retain: true, retainSegments: hooks.retainSegments ?? true });
  let segmentCount = 0;
  // onSegment and onTransaction are called as methods, so the hooks may be a class instance holding its state.
  for (let next = scanner.next(); next !== undefined; next = scanner.next()) {
    const segment = next as Segment;
    const completed = assembler.push(segment);
    segmentCount++;
    hooks.onSegment?.(segment, assembler.inTransaction && segment.id !== 'ST');
    if (completed) hooks.onTransaction?.(completed);
  }
  assembler.finish();
  return {
    hasEnvelope: scanner.hasEnvelope === true,
    delimiters: assembler.interchanges[0]?.delimiters ?? (scanner.delimiters as Delimiters),
    interchanges: assembler.interchanges,
    bareTransactions: assembler.bareTransactions,
    issues,
    segmentCount,
  };
}

/** Every transaction set in a document, enveloped or bare, in file order. */
export function allTransactions(document: X12Document): EnvelopedTransaction[] {
  const result: EnvelopedTransaction[] = [];
  for (const interchange of document.interchanges) {
    for (const group of interchange.groups) {
      for (const transaction of group.transactions) result.push({ interchange, group, transaction });
    }
  }
  for (const transaction of document.bareTransactions) {
    result.push({ interchange: undefined, group: undefined, transaction });
  }
  return result;
}

/**
 * Stream transaction sets from a Readable (or any async iterable of text/bytes) with the same envelope checks.
 * Only the current transaction is held in memory; groups and interchanges keep their headers but not their
 * transactions. Lenient issues go to `onIssue`; in strict mode the iterator throws.
 */
export async function* streamX12Transactions(
  source: AsyncIterable<string | Uint8Array>,
  options: ReadOptions & { onIssue?: (issue: X12Issue) => void } = {},
): AsyncGenerator<EnvelopedTransaction> {
  const onIssue = options.lenient
    ? (issue: X12Issue) => options.onIssue?.(issue)
    : (issue: X12Issue) => {
        throw X12Error.fromIssue(issue);
      };
  const assembler = new EnvelopeAssembler({ onIssue, retain: false });
  for await (const batch of streamSegmentBatches(source, onIssue)) {
    for (const segment of batch) {
      const completed = assembler.push(segment);
      if (completed) yield completed;
    }
  }
  assembler.finish();
}

export { streamSegmentBatches, streamSegments, tokenize } from './tokenizer.ts';

function throwIssue(issue: X12Issue): never {
  throw X12Error.fromIssue(issue);
}
