/**
 * 837P claims built per second, ours beside the node-x12 package building the same claims in the same run.
 * node-x12 has no 837P model (no loops, HL numbering or claim checks): it serializes segments it is given. So the
 * peer is "our claim checks and hierarchy planning, then node-x12's JSEDINotation -> X12Generator serialization",
 * compared with our whole build, and the serialization steps are also compared on their own. The two outputs are
 * checked to be the same text before anything is timed.
 * Run: `npm run bench -- x12-837`.
 */
import { JSEDINotation, X12Generator } from 'node-x12';
import { build837P, type Stamp, timestamp, transactionSegments } from '#core/x12/837p/builder';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { splitIntoTransactions } from '#core/x12/837p/hierarchy';
import { type SegmentElements, segmentText } from '#core/x12/837p/segment-writer';
import type { SubmitterIdentity } from '#core/x12/837p/submitter-identity';
import { npiCheckDigit } from '#core/x12/837p/tr3-rules';

const RUNS = 5;
const CLAIMS = 20_000;
const NOW = new Date('2026-11-23T14:05:00Z');

const IDENTITY: SubmitterIdentity = {
  interchangeSender: { qualifier: 'ZZ', id: 'CLAIMFLOW' },
  interchangeReceiver: { qualifier: 'ZZ', id: 'CLEARHOUSE01' },
  applicationSenderCode: 'CLAIMFLOW',
  applicationReceiverCode: 'CLEARHOUSE01',
  submitter: { name: 'CLAIMFLOW BILLING', id: 'CF12345', contact: { name: 'EDI DESK', phone: '8005550100' } },
  receiver: { name: 'CLEARING HOUSE', id: 'CH98765' },
  usage: 'T',
};

/** Median wall time of RUNS calls after a warm-up, with a GC between runs. */
async function medianMs(action: () => unknown): Promise<number> {
  await action();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    globalThis.gc?.();
    const start = performance.now();
    await action();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const npi = (n: number) => {
  const nine = String(100_000_000 + n).slice(-9);
  return `${nine}${npiCheckDigit(nine)}`;
};

/** Synthetic claims: 40 billing providers, subscribers with one to three claims, every third patient a dependent. */
function syntheticClaims(count: number): Claim837P[] {
  return Array.from({ length: count }, (_, i) => {
    const subscriberNo = Math.floor(i / 2);
    const dependent = i % 3 === 0;
    const address = { lines: [`${i % 900} MAIN ST`], city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' };
    const id = `PCN${String(i).padStart(8, '0')}`;
    const lines = [
      { code: '99214', modifiers: ['25'], chargeCents: 15000, diagnosisPointers: [1, 2] },
      { code: 'G0008', modifiers: [], chargeCents: 3055, diagnosisPointers: [1] },
    ].map((l, n) => ({
      ...l,
      system: l.code.startsWith('G') ? ('HCPCS' as const) : ('CPT' as const),
      units: 1,
      serviceDate: '2026-11-20',
      controlNumber: `${id}-${n + 1}`,
    }));
    return {
      id,
      frequency: '1',
      placeOfService: '11',
      patient: dependent
        ? {
            lastName: 'SYNTHETIC',
            firstName: `CHILD${i}`,
            birthDate: '2015-06-01',
            sex: 'M',
            relationshipToSubscriber: '19',
            address,
          }
        : {
            lastName: 'SYNTHETIC',
            firstName: `SUB${subscriberNo}`,
            birthDate: '1980-01-01',
            sex: 'F',
            relationshipToSubscriber: '18',
          },
      subscriber: {
        lastName: 'SYNTHETIC',
        firstName: `SUB${subscriberNo}`,
        memberId: `M${String(subscriberNo).padStart(9, '0')}`,
        birthDate: '1980-01-01',
        sex: 'F',
        address,
      },
      payer: { name: 'ACME HEALTH', payerId: '60054', filingIndicator: 'CI', responsibility: 'P' },
      billingProvider: {
        organizationName: `CLINIC ${i % 40}`,
        npi: npi(i % 40),
        tin: '123456789',
        address: { lines: ['100 MAIN ST'], city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
      },
      renderingProvider: { lastName: 'DOCTOR', firstName: `N${i % 7}`, npi: npi(1000 + (i % 7)) },
      diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
      lines,
      totalChargeCents: 18055,
    } satisfies Claim837P;
  });
}

interface PlannedTransaction {
  header: string[];
  body: SegmentElements[];
}

/** Our checks and hierarchy planning: every segment of every transaction, ready to serialize. */
function plan(claims: Claim837P[], stamp: Stamp): PlannedTransaction[] {
  if (check837PClaims(claims).length > 0) throw new Error('synthetic claims must be valid');
  return splitIntoTransactions(claims, 5000).map((levels, i) => {
    const controlNumber = String(i + 1).padStart(4, '0');
    const segments = transactionSegments(levels, controlNumber, IDENTITY, stamp);
    return { header: segments[0]!.slice(1) as string[], body: segments.slice(1, -1) };
  });
}

/** node-x12 serializes the planned segments (it writes SE, GE and IEA with their counts itself). */
function nodeX12Serialize(planned: PlannedTransaction[], stamp: Stamp): string {
  const jsen = new JSEDINotation([
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    'CLAIMFLOW      ',
    'ZZ',
    'CLEARHOUSE01   ',
    stamp.yymmdd,
    stamp.hhmm,
    '^',
    '00501',
    '000000001',
    '0',
    'T',
    ':',
  ]);
  const group = jsen.addFunctionalGroup([
    'HC',
    'CLAIMFLOW',
    'CLEARHOUSE01',
    stamp.ccyymmdd,
    stamp.hhmm,
    '1',
    'X',
    '005010X222A1',
  ]);
  for (const { header, body } of planned) {
    const transaction = group.addTransaction(header);
    for (const [tag, ...elements] of body) transaction.addSegment(tag, trimTrailing(elements.map((e) => e ?? '')));
  }
  return new X12Generator(jsen, {
    elementDelimiter: '*',
    segmentTerminator: '~',
    subElementDelimiter: ':',
    repetitionDelimiter: '^',
    endOfLine: '',
    format: false,
  } as never).toString();
}

function trimTrailing(elements: string[]): string[] {
  let end = elements.length;
  while (end > 0 && elements[end - 1] === '') end--;
  return elements.slice(0, end);
}

/** Our serialization of the same planned segments, with the envelope around them. */
function ourSerialize(planned: PlannedTransaction[]): string {
  const parts: string[] = [];
  for (const { header, body } of planned) {
    parts.push(segmentText(['ST', ...header]));
    for (const segment of body) parts.push(segmentText(segment));
    parts.push(segmentText(['SE', String(body.length + 2), header[1]]));
  }
  return `${parts.join('~')}~`;
}

const claims = syntheticClaims(CLAIMS);
const stamp = timestamp(NOW);
const ours = await build837P(claims, { identity: IDENTITY, controlNumbers: new InMemoryControlNumbers(), now: NOW });
const planned = plan(claims, stamp);
const peer = nodeX12Serialize(planned, stamp);
const body = (text: string) => text.slice(text.indexOf('ST*'), text.lastIndexOf('GE*'));
if (body(ours.text) !== body(peer)) {
  const a = body(ours.text);
  const b = body(peer);
  let at = 0;
  while (a[at] === b[at]) at++;
  throw new Error(`node-x12 output differs from ours at ${at}: "${a.slice(at, at + 60)}" vs "${b.slice(at, at + 60)}"`);
}

const oursFull = await medianMs(() =>
  build837P(claims, { identity: IDENTITY, controlNumbers: new InMemoryControlNumbers(), now: NOW }),
);
const planOnly = await medianMs(() => plan(claims, stamp));
const oursSerialize = await medianMs(() => ourSerialize(planned));
const peerSerialize = await medianMs(() => nodeX12Serialize(planned, stamp));
const peerFull = planOnly + peerSerialize;

const rate = (ms: number) => Math.round((CLAIMS / ms) * 1000).toLocaleString('en-US');
const megabytes = (ours.text.length / 1e6).toFixed(1);
console.log(
  `${CLAIMS.toLocaleString('en-US')} claims, 2 lines each, ${ours.transactions.length} transactions, ${megabytes} MB; median of ${RUNS} runs`,
);
console.log(
  `  ours, full build (checks + hierarchy + serialize) ${oursFull.toFixed(0).padStart(6)} ms  ${rate(oursFull).padStart(9)} claims/s`,
);
console.log(
  `  ours checks + hierarchy, then node-x12 serialize  ${peerFull.toFixed(0).padStart(6)} ms  ${rate(peerFull).padStart(9)} claims/s`,
);
console.log(`    of which checks + hierarchy planning            ${planOnly.toFixed(0).padStart(6)} ms`);
console.log(
  `  serialization only: ours                          ${oursSerialize.toFixed(0).padStart(6)} ms  ${rate(oursSerialize).padStart(9)} claims/s`,
);
console.log(
  `  serialization only: node-x12                      ${peerSerialize.toFixed(0).padStart(6)} ms  ${rate(peerSerialize).padStart(9)} claims/s`,
);
console.log(`  ratio full build: ${(peerFull / oursFull).toFixed(2)}x faster than with node-x12 serialization`);
console.log(`  ratio serialization: ${(peerSerialize / oursSerialize).toFixed(2)}x faster than node-x12`);
