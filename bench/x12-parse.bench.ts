/**
 * 835 parse speed in MB/s, ours beside the node-x12 package on the same text in the same run:
 * - a generated large 835 (CLP loops repeated with correct SE/GE/IEA counts and balanced amounts),
 * - the official 835 samples that both parsers read in strict mode (concatenated, so timings are not all noise).
 * Ours is measured three ways: the generic read (segments split lazily), the generic read with every element
 * split (the same work node-x12 does), and the full typed 835 parse with balancing. Then the streaming read of the
 * large file, with the heap growth it needed. Each line gives wall and CPU throughput and the ratio to node-x12
 * measured in the same rounds; the load average is printed beside them, since the machines are shared.
 * Run: `npm run bench -- x12-parse`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { X12Parser } from 'node-x12';
import { streamRemittanceClaims, streamRemittances } from '#core/x12/835/stream-835';
import { allTransactions, readX12, streamX12Transactions } from '#core/x12/reader';
import { readTypedX12 } from '#core/x12/typed';
import { sharedData } from '#test/support/shared-data';

const RUNS = 5;
const GENERATED_CLAIMS = 40_000;
/** The official samples are tiny (about 30 KB in all); repeating them makes each timed run long enough to measure. */
const SAMPLE_REPEATS = 100;

function repeat<T>(items: T[], times: number): T[] {
  return Array.from({ length: times }, () => items).flat();
}

interface Timing {
  /** Median wall time of one run, ms. */
  wallMs: number;
  /** Median CPU time of one run (user + system, all threads of this process, so GC helpers count), ms. */
  cpuMs: number;
}

/**
 * Median wall and CPU time of each action over RUNS rounds after a warm-up. The actions take turns within each
 * round, so load from other processes on this shared machine hits every contender alike; CPU time is reported too
 * because it barely depends on that load. No forced GC between runs: a `gc()` leaves V8 markedly slower for the
 * allocation-heavy work that follows it (readX12 on the samples ran about 3x slower after one), so it would
 * measure recovery from the forced collection instead of parsing; each contender's garbage is collected by the
 * ordinary GCs of its own run.
 */
function interleavedMedians(actions: (() => unknown)[]): Timing[] {
  for (const action of actions) action();
  const wall: number[][] = actions.map(() => []);
  const cpu: number[][] = actions.map(() => []);
  for (let run = 0; run < RUNS; run += 1) {
    actions.forEach((action, index) => {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      action();
      wall[index]?.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu[index]?.push((used.user + used.system) / 1000);
    });
  }
  return actions.map((_, index) => ({ wallMs: median(wall[index] ?? []), cpuMs: median(cpu[index] ?? []) }));
}

function median(series: number[]): number {
  const sorted = [...series].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

/** A balanced 835 with `claims` claims of two service lines each; every count and control number consistent. */
function generate835(claims: number): string {
  const body: string[] = [];
  for (let i = 1; i <= claims; i++) {
    const id = `PCN${String(i).padStart(8, '0')}`;
    body.push(
      `CLP*${id}*1*250*180*20*12*ICN${i}*11*1`,
      `NM1*QC*1*SYNTHETIC*PATIENT****MI*W${String(i).padStart(9, '0')}`,
      'DTM*232*20261101',
      'SVC*HC:99214:25*150*110**1',
      'DTM*472*20261101',
      'CAS*CO*45*30',
      'CAS*PR*2*10',
      `REF*6R*${id}-1`,
      'AMT*B6*120',
      'SVC*HC:36415*100*70**1',
      'DTM*472*20261101',
      'CAS*CO*45*20*1*97*0',
      'CAS*PR*3*10',
      `REF*6R*${id}-2`,
      'LQ*HE*N130',
    );
  }
  const total = (claims * 180).toString();
  const transaction = [
    'ST*835*0001*005010X221A1',
    `BPR*I*${total}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*888888880*DA*654321*20261120`,
    'TRN*1*EFT0001*1512345678',
    'N1*PR*SAMPLE HEALTH PLAN',
    'N1*PE*NORTHWIND CLINIC*XX*1234567893',
    'LX*1',
    ...body,
  ];
  transaction.push(`SE*${transaction.length + 1}*0001`);
  const isa =
    'ISA*00*          *00*          *ZZ*SAMPLEPLAN     *ZZ*CLAIMFLOW      *261120*1015*^*00501*000000001*0*P*:';
  return [isa, 'GS*HP*SAMPLEPLAN*CLAIMFLOW*20261120*1015*1*X*005010X221A1', ...transaction, 'GE*1*1', 'IEA*1*000000001']
    .map((segment) => `${segment}~\n`)
    .join('');
}

/** The official 835 samples both parsers accept in strict mode. */
function officialSamples(): string[] {
  const folder = sharedData('x12', '835');
  if (!existsSync(folder)) return [];
  const texts: string[] = [];
  for (const file of readdirSync(folder).sort()) {
    const text = readFileSync(`${folder}/${file}`, 'utf8').replace(/^\uFEFF/, '');
    try {
      readTypedX12(text);
      new X12Parser(true).parse(text);
      texts.push(text);
    } catch {
      // Samples either parser rejects are left out of the speed comparison (see shared-samples.test.ts).
    }
  }
  return texts;
}

function splitEveryElement(text: string): number {
  let elements = 0;
  for (const { transaction } of allTransactions(readX12(text))) {
    for (const segment of transaction.segments) elements += segment.elements.length;
  }
  return elements;
}

function nodeX12SegmentCount(text: string): number {
  type Interchange = { functionalGroups: { transactions: { segments: unknown[] }[] }[] };
  const parsed = new X12Parser(true).parse(text) as unknown as Interchange | Interchange[];
  let count = 0;
  for (const interchange of Array.isArray(parsed) ? parsed : [parsed]) {
    for (const group of interchange.functionalGroups) for (const t of group.transactions) count += t.segments.length;
  }
  return count;
}

function report(name: string, texts: string[]): void {
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const mb = bytes / 1_000_000;
  const each = (action: (text: string) => unknown) => () => {
    for (const text of texts) action(text);
  };
  // Same answer first: both must see the same number of transaction-set segments (ST..SE).
  const ours = texts.reduce(
    (sum, text) => sum + allTransactions(readX12(text)).reduce((n, t) => n + t.transaction.segments.length, 0),
    0,
  );
  // node-x12 keeps ST and SE as the transaction's header and trailer, outside its segment list.
  const theirs = texts.reduce(
    (sum, text) => sum + nodeX12SegmentCount(text) + 2 * allTransactions(readX12(text)).length,
    0,
  );
  const loadBefore = loadAverage();
  const [peer, ...oursTimings] = interleavedMedians([
    each((text) => new X12Parser(true).parse(text)),
    each((text) => readX12(text)),
    each(splitEveryElement),
    each((text) => readTypedX12(text)),
  ]);
  const labels = ['readX12 (lazy elements)', 'readX12 + split every element', 'typed 835 + balancing'];
  const peerTiming = peer ?? { wallMs: Number.NaN, cpuMs: Number.NaN };
  process.stdout.write(
    `\n${name}: ${texts.length} file(s), ${mb.toFixed(2)} MB, ${ours} segments in ST..SE (node-x12 sees ${theirs})\n`,
  );
  process.stdout.write(`  load average ${loadBefore} before, ${loadAverage()} after (1, 5, 15 min)\n`);
  process.stdout.write(
    `  ${''.padEnd(34)} ${'wall MB/s'.padStart(10)} ${'vs node-x12'.padStart(12)} ${'CPU MB/s'.padStart(10)} ${'vs node-x12'.padStart(12)}\n`,
  );
  const row = (label: string, timing: Timing) => {
    const wall = `${(mb / (timing.wallMs / 1000)).toFixed(1)}`.padStart(10);
    const wallRatio = `${(peerTiming.wallMs / timing.wallMs).toFixed(1)}x`.padStart(12);
    const cpu = `${(mb / (timing.cpuMs / 1000)).toFixed(1)}`.padStart(10);
    const cpuRatio = `${(peerTiming.cpuMs / timing.cpuMs).toFixed(1)}x`.padStart(12);
    process.stdout.write(`  ${label.padEnd(34)} ${wall} ${wallRatio} ${cpu} ${cpuRatio}\n`);
  };
  row('node-x12 X12Parser(strict).parse', peerTiming);
  labels.forEach((label, index) => {
    row(label, oursTimings[index] ?? { wallMs: Number.NaN, cpuMs: Number.NaN });
  });
}

/** Time one streamed read, and the most heap still retained (after a GC) when an item is handed over. */
async function streamOnce(
  chunks: Buffer[],
  consume: (source: Readable) => AsyncIterable<unknown>,
): Promise<{ ms: number; retainedMb: number }> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let retained = 0;
  let gcMs = 0;
  const start = performance.now();
  let events = 0;
  for await (const _ of consume(Readable.from(chunks))) {
    events += 1;
    // Sample every 4096th event (and every transaction-sized one) so GC calls do not dominate the timing.
    if (events % 4096 !== 1) continue;
    const gcStart = performance.now();
    globalThis.gc?.();
    retained = Math.max(retained, process.memoryUsage().heapUsed - heapBefore);
    gcMs += performance.now() - gcStart;
  }
  return { ms: performance.now() - start - gcMs, retainedMb: retained / 1_000_000 };
}

async function reportStreaming(text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 64 * 1024) chunks.push(bytes.subarray(i, i + 64 * 1024));
  const mb = bytes.length / 1_000_000;
  const generic = await streamOnce(chunks, (source) => streamX12Transactions(source));
  const typed = await streamOnce(chunks, (source) => streamRemittances(source));
  const claimByClaim = await streamOnce(chunks, (source) => streamRemittanceClaims(source));
  process.stdout.write(`\nstreaming the generated 835 from 64 KiB chunks (${mb.toFixed(2)} MB):\n`);
  process.stdout.write(
    `  streamX12Transactions (keeps the transaction's segments)  ${(mb / (generic.ms / 1000)).toFixed(1).padStart(6)} MB/s, ${generic.retainedMb.toFixed(0)} MB retained\n`,
  );
  process.stdout.write(
    `  streamRemittances (typed, keeps only typed claims)        ${(mb / (typed.ms / 1000)).toFixed(1).padStart(6)} MB/s, ${typed.retainedMb.toFixed(0)} MB retained\n`,
  );
  process.stdout.write(
    `  streamRemittanceClaims (typed, one claim at a time)       ${(mb / (claimByClaim.ms / 1000)).toFixed(1).padStart(6)} MB/s, ${claimByClaim.retainedMb.toFixed(0)} MB retained\n`,
  );
}

const generated = generate835(GENERATED_CLAIMS);
report(`generated 835 (${GENERATED_CLAIMS} claims, 2 lines each)`, [generated]);
const samples = officialSamples();
if (samples.length > 0)
  report(`official 835 samples parsed by both, ${SAMPLE_REPEATS} passes`, repeat(samples, SAMPLE_REPEATS));
else process.stdout.write('\nofficial 835 samples skipped: ../shared/data/x12/835 is absent\n');
await reportStreaming(generated);
