/**
 * Assembles segments into interchanges -> functional groups -> transaction sets, checking the envelope as it
 * goes: ISA13 = IEA02, IEA01 = number of groups, GS06 = GE02, GE01 = number of transactions, ST02 = SE02 and
 * SE01 = segments from ST to SE. Each problem is reported through `onIssue` (which throws in strict mode).
 */
import type { Delimiters } from './delimiters.ts';
import type { Segment } from './segment.ts';
import { makeIssue, type X12Issue } from './x12-error.ts';

export interface Interchange {
  header: Segment;
  trailer: Segment | undefined;
  delimiters: Delimiters;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA09 YYMMDD. */
  date: string;
  /** ISA10 HHMM. */
  time: string;
  /** ISA12, e.g. "00501". */
  version: string;
  /** ISA13. */
  controlNumber: string;
  /** ISA15: P production, T test. */
  usage: string;
  /** Interchange-level segments outside any group (TA1 acknowledgments). */
  interchangeSegments: Segment[];
  groups: FunctionalGroup[];
}

export interface FunctionalGroup {
  header: Segment;
  trailer: Segment | undefined;
  /** GS01, e.g. "HP" (835), "HN" (277), "FA" (999), "HC" (837). */
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  /** GS04 CCYYMMDD. */
  date: string;
  time: string;
  /** GS06. */
  controlNumber: string;
  /** GS08, the implementation guide, e.g. "005010X221A1". */
  version: string;
  transactions: Transaction[];
}

export interface Transaction {
  header: Segment;
  trailer: Segment | undefined;
  /** ST01, e.g. "835". */
  setId: string;
  /** ST02. */
  controlNumber: string;
  /** ST03 when present, else the group's GS08 (undefined without an envelope). */
  implementationGuide: string | undefined;
  /** All segments from ST to SE inclusive (only ST and SE when the reader did not retain the body). */
  segments: Segment[];
  /** Number of segments from ST to SE as counted while reading (what SE01 must say). */
  segmentCount: number;
}

/** A finished transaction with the envelope it arrived in (interchange and group are undefined for bare ST). */
export interface EnvelopedTransaction {
  interchange: Interchange | undefined;
  group: FunctionalGroup | undefined;
  transaction: Transaction;
}

export interface AssemblerOptions {
  onIssue: (issue: X12Issue) => void;
  /** Keep every transaction in its group (sync reading) or only count them (streaming). */
  retain: boolean;
  /**
   * Keep the body segments of each transaction (default), or decide per transaction from its ST. When false,
   * `segments` holds only ST and SE and the caller consumes body segments as they are pushed (typed reading of
   * very large transactions).
   */
  retainSegments?: boolean | ((st: Segment) => boolean);
}

export class EnvelopeAssembler {
  readonly interchanges: Interchange[] = [];
  readonly bareTransactions: Transaction[] = [];
  #interchange: Interchange | undefined;
  #group: FunctionalGroup | undefined;
  #transaction: Transaction | undefined;
  #segmentsInTransaction = 0;
  #retainBody = true;
  #groupCount = 0;
  #transactionCount = 0;
  #lastPosition = 0;
  readonly #options: AssemblerOptions;

  constructor(options: AssemblerOptions) {
    this.#options = options;
  }

  /** Whether the last segment pushed belongs to an open transaction set (ST..SE). */
  get inTransaction(): boolean {
    return this.#transaction !== undefined;
  }

  /** Feed one segment; returns the transaction it completed, if any. */
  push(segment: Segment): EnvelopedTransaction | undefined {
    this.#lastPosition = segment.position;
    switch (segment.id) {
      case 'ISA':
        this.#openInterchange(segment);
        return undefined;
      case 'GS':
        this.#openGroup(segment);
        return undefined;
      case 'ST':
        this.#openTransaction(segment);
        return undefined;
      case 'SE':
        return this.#closeTransaction(segment);
      case 'GE':
        this.#closeGroup(segment);
        return undefined;
      case 'IEA':
        this.#closeInterchange(segment);
        return undefined;
      default:
        return this.#addBodySegment(segment);
    }
  }

  /** Call after the last segment: reports envelopes left open. */
  finish(): void {
    const location = { position: this.#lastPosition + 1, segmentId: '' };
    if (this.#transaction) {
      this.#issue(
        'SE_MISSING',
        `transaction set ST02 "${this.#transaction.controlNumber}" has no SE trailer`,
        location,
      );
      this.#transaction = undefined;
    }
    if (this.#group) {
      this.#issue('GE_MISSING', `functional group GS06 "${this.#group.controlNumber}" has no GE trailer`, location);
      this.#group = undefined;
    }
    if (this.#interchange) {
      this.#issue('IEA_MISSING', `interchange ISA13 "${this.#interchange.controlNumber}" has no IEA trailer`, location);
      this.#interchange = undefined;
    }
    if (this.interchanges.length === 0 && this.bareTransactions.length === 0) {
      this.#issue('EMPTY', 'the data holds no interchange or transaction set', location);
    }
  }

  #openInterchange(isa: Segment): void {
    if (this.#interchange) {
      this.#issue(
        'IEA_MISSING',
        `a new ISA starts before interchange "${this.#interchange.controlNumber}" ended with IEA`,
        isa,
      );
      this.#transaction = undefined;
      this.#group = undefined;
    }
    const interchange: Interchange = {
      header: isa,
      trailer: undefined,
      delimiters: isa.delimiters,
      senderQualifier: isa.element(5),
      senderId: isa.element(6).trim(),
      receiverQualifier: isa.element(7),
      receiverId: isa.element(8).trim(),
      date: isa.element(9),
      time: isa.element(10),
      version: isa.element(12),
      controlNumber: isa.element(13),
      usage: isa.element(15),
      interchangeSegments: [],
      groups: [],
    };
    this.interchanges.push(interchange);
    this.#interchange = interchange;
    this.#groupCount = 0;
  }

  #openGroup(gs: Segment): void {
    if (!this.#interchange) {
      this.#issue('GS_OUTSIDE_INTERCHANGE', 'expected ISA before GS (functional group outside an interchange)', gs);
      return;
    }
    if (this.#group) {
      this.#issue('GE_MISSING', `a new GS starts before group GS06 "${this.#group.controlNumber}" ended with GE`, gs);
      this.#transaction = undefined;
    }
    const group: FunctionalGroup = {
      header: gs,
      trailer: undefined,
      functionalId: gs.element(1),
      senderCode: gs.element(2),
      receiverCode: gs.element(3),
      date: gs.element(4),
      time: gs.element(5),
      controlNumber: gs.element(6),
      version: gs.element(8),
      transactions: [],
    };
    this.#interchange.groups.push(group);
    this.#groupCount++;
    this.#group = group;
    this.#transactionCount = 0;
  }

  #openTransaction(st: Segment): void {
    if (this.#transaction) {
      this.#issue(
        'SE_MISSING',
        `a new ST starts before transaction "${this.#transaction.controlNumber}" ended with SE`,
        st,
      );
    }
    const bare = this.#interchange === undefined;
    if (!bare && !this.#group) {
      this.#issue('ST_OUTSIDE_GROUP', 'expected GS before ST (transaction set outside a functional group)', st);
    }
    this.#transaction = {
      header: st,
      trailer: undefined,
      setId: st.element(1),
      controlNumber: st.element(2),
      implementationGuide: st.optional(3) ?? this.#group?.version,
      segments: [st],
      segmentCount: 1,
    };
    this.#segmentsInTransaction = 1;
    const retain = this.#options.retainSegments ?? true;
    this.#retainBody = typeof retain === 'function' ? retain(st) : retain;
  }

  #closeTransaction(se: Segment): EnvelopedTransaction | undefined {
    const transaction = this.#transaction;
    if (!transaction) {
      this.#issue('SE_OUTSIDE_TRANSACTION', 'found SE without a preceding ST', se);
      return undefined;
    }
    transaction.segments.push(se);
    transaction.trailer = se;
    this.#transaction = undefined;
    const counted = this.#segmentsInTransaction + 1;
    transaction.segmentCount = counted;
    if (!sameNumber(se.element(1), String(counted))) {
      this.#issue('SE01_COUNT', `SE01 says ${se.element(1) || '(empty)'} segments, but ST..SE holds ${counted}`, se);
    }
    if (se.element(2) !== transaction.controlNumber) {
      this.#issue(
        'SE02_CONTROL',
        `SE02 "${se.element(2)}" must equal ST02 "${transaction.controlNumber}" (segment ${transaction.header.position})`,
        se,
      );
    }
    if (this.#interchange === undefined || !this.#group) {
      // Without an envelope, or (read leniently) an ST outside GS/GE: kept, never dropped with only an issue.
      if (this.#options.retain || this.#interchange === undefined) this.bareTransactions.push(transaction);
    } else if (this.#group) {
      this.#transactionCount++;
      if (this.#options.retain) this.#group.transactions.push(transaction);
    }
    return { interchange: this.#interchange, group: this.#group, transaction };
  }

  #closeGroup(ge: Segment): void {
    const group = this.#group;
    if (!group) {
      this.#issue('GE_OUTSIDE_GROUP', 'found GE without a preceding GS', ge);
      return;
    }
    if (this.#transaction) {
      this.#issue(
        'SE_MISSING',
        `GE closes the group before transaction "${this.#transaction.controlNumber}" ended with SE`,
        ge,
      );
      this.#transaction = undefined;
    }
    group.trailer = ge;
    this.#group = undefined;
    if (!sameNumber(ge.element(1), String(this.#transactionCount))) {
      this.#issue(
        'GE01_COUNT',
        `GE01 says ${ge.element(1) || '(empty)'} transaction sets, but the group holds ${this.#transactionCount}`,
        ge,
      );
    }
    if (!sameNumber(ge.element(2), group.controlNumber)) {
      this.#issue(
        'GE02_CONTROL',
        `GE02 "${ge.element(2)}" must equal GS06 "${group.controlNumber}" (segment ${group.header.position})`,
        ge,
      );
    }
  }

  #closeInterchange(iea: Segment): void {
    const interchange = this.#interchange;
    if (!interchange) {
      this.#issue('IEA_OUTSIDE_INTERCHANGE', 'found IEA without a preceding ISA', iea);
      return;
    }
    if (this.#group) {
      this.#issue(
        'GE_MISSING',
        `IEA closes the interchange before group "${this.#group.controlNumber}" ended with GE`,
        iea,
      );
      this.#group = undefined;
      this.#transaction = undefined;
    }
    interchange.trailer = iea;
    this.#interchange = undefined;
    if (!sameNumber(iea.element(1), String(this.#groupCount))) {
      this.#issue(
        'IEA01_COUNT',
        `IEA01 says ${iea.element(1) || '(empty)'} functional groups, but the interchange holds ${this.#groupCount}`,
        iea,
      );
    }
    if (iea.element(2) !== interchange.controlNumber) {
      this.#issue(
        'IEA02_CONTROL',
        `IEA02 "${iea.element(2)}" must equal ISA13 "${interchange.controlNumber}" (segment ${interchange.header.position})`,
        iea,
      );
    }
  }

  #addBodySegment(segment: Segment): EnvelopedTransaction | undefined {
    if (this.#transaction) {
      this.#segmentsInTransaction++;
      if (this.#retainBody) this.#transaction.segments.push(segment);
    } else if (this.#interchange && !this.#group && segment.id === 'TA1') {
      this.#interchange.interchangeSegments.push(segment);
    } else {
      this.#issue(
        'SEGMENT_OUTSIDE_TRANSACTION',
        `expected ST before ${segment.id} (segment outside a transaction set)`,
        segment,
      );
    }
    return undefined;
  }

  #issue(
    code: string,
    detail: string,
    location: { position: number; segmentId?: string; id?: string; offset?: number },
  ) {
    this.#options.onIssue(
      makeIssue(code, detail, {
        position: location.position,
        segmentId: location.segmentId ?? location.id ?? '',
        offset: location.offset,
      }),
    );
  }
}

/** Control numbers and counts are numeric (N0): "0001" and "1" are the same value. */
function sameNumber(a: string, b: string): boolean {
  if (a === b) return true;
  return /^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b);
}
