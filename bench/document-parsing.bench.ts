/**
 * Intake parsing throughput per format, each beside a naive peer that does only the lexical part (JSON.parse,
 * split on separators) on the same input in the same run, so the ratio shows what validation, reference resolution
 * and mapping cost. Inputs: the Synthea FHIR bundles in ../shared/data (skipped when absent) and the repository's
 * samples, repeated into larger documents.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSuperbill } from '#core/documents/csv/parse-superbill';
import { detectFormat } from '#core/documents/detect';
import { parseFhirBundle } from '#core/documents/fhir/parse-fhir';
import { parseHl7v2 } from '#core/documents/hl7v2/parse-hl7v2';
import { parseDocument } from '#core/documents/index';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CLAIMFLOW_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');
const samples = join(repoRoot, 'samples');
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Median wall time of `RUNS` runs of `work` (after one warm-up run). */
function time(work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return median(times);
}

function sideBySide(label: string, unit: string, count: number, bytes: number, ours: () => void, peer: () => void) {
  const oursMs = time(ours);
  const peerMs = time(peer);
  const rate = (ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en-US')} ${unit}/s`;
  const mbps = (ms: number) => `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(1)} MiB/s`;
  out(
    `${label}: ours ${oursMs.toFixed(1)} ms (${rate(oursMs)}, ${mbps(oursMs)}) | naive peer ${peerMs.toFixed(1)} ms ` +
      `(${mbps(peerMs)}) | ours/peer time ${(oursMs / peerMs).toFixed(2)}x`,
  );
}

// --- FHIR: Synthea bundles against bare JSON.parse
const syntheaDir = join(shared, 'synthea', 'r4');
if (existsSync(syntheaDir)) {
  const bundles = readdirSync(syntheaDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => readFileSync(join(syntheaDir, name), 'utf8'));
  const bytes = bundles.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  let encounters = 0;
  for (const text of bundles) {
    const result = parseFhirBundle(text, { key: 'bench' });
    if (result.ok) encounters += result.encounters.length;
  }
  sideBySide(
    `FHIR R4, ${bundles.length} Synthea bundles, ${encounters} encounters`,
    'encounters',
    encounters,
    bytes,
    () => {
      for (const text of bundles) parseFhirBundle(text, { key: 'bench' });
    },
    () => {
      for (const text of bundles) JSON.parse(text);
    },
  );
} else {
  out(`FHIR R4: skipped (${syntheaDir} is absent)`);
}

// --- HL7 v2: the DFT sample repeated into one file of many messages, against a split on CR and |
const dft = readFileSync(join(samples, 'hl7v2', 'nguyen-diabetes-b12-injection.dft-p03.hl7'), 'utf8');
const MESSAGES = 5_000;
const hl7File = Array.from({ length: MESSAGES }, (_, i) => dft.replace('V-20261103-01', `V-${i}`)).join('');
sideBySide(
  `HL7 v2, ${MESSAGES} DFT^P03 messages`,
  'messages',
  MESSAGES,
  Buffer.byteLength(hl7File),
  () => parseHl7v2(hl7File, { key: 'bench' }),
  () => hl7File.split('\r').map((segment) => segment.split('|').map((field) => field.split('^'))),
);

// --- CSV: the superbill sample's rows repeated under distinct encounter ids, against line.split(',')
const superbill = readFileSync(join(samples, 'csv', 'maple-grove-superbill-2026-11-05.csv'), 'utf8').split('\r\n');
const [header, ...rows] = superbill.filter(Boolean);
const COPIES = 3_000;
const csvRows = Array.from({ length: COPIES }, (_, i) => rows.map((row) => row.replace(/^MG-/, `C${i}-`))).flat();
const csvFile = `${header}\r\n${csvRows.join('\r\n')}\r\n`;
sideBySide(
  `CSV superbill, ${csvRows.length} rows`,
  'rows',
  csvRows.length,
  Buffer.byteLength(csvFile),
  () => parseSuperbill(csvFile, { key: 'bench' }),
  () => csvFile.split('\r\n').map((line) => line.split(',')),
);

// --- Whole entry point per document (detect + parse), latency over every valid sample
const documents = ['fhir', 'hl7v2', 'csv', 'claimflow-json', 'notes'].flatMap((folder) =>
  readdirSync(join(samples, folder)).map((name) => readFileSync(join(samples, folder, name))),
);
const latencies: number[] = [];
for (let round = 0; round < 400; round++) {
  for (const bytes of documents) {
    const started = performance.now();
    parseDocument(bytes, { key: 'bench' });
    latencies.push(performance.now() - started);
  }
}
const steady = latencies.slice(documents.length * 20);
out(
  `parseDocument on the ${documents.length} samples (${steady.length} calls after warm-up): ` +
    `p50 ${(percentile(steady, 0.5) * 1000).toFixed(0)} µs, p99 ${(percentile(steady, 0.99) * 1000).toFixed(0)} µs, ` +
    `${Math.round(steady.length / (steady.reduce((a, b) => a + b, 0) / 1000)).toLocaleString('en-US')} documents/s`,
);

// --- Detection alone on a 2 KB note (the Lambda runs it for every object)
const note = readFileSync(join(samples, 'notes', 'kim-low-back-pain.txt'));
const DETECTIONS = 20_000;
const detectMs = time(() => {
  for (let i = 0; i < DETECTIONS; i++) detectFormat(note);
});
out(
  `detectFormat on a ${note.length}-byte note: ${Math.round((DETECTIONS / detectMs) * 1000).toLocaleString('en-US')} documents/s`,
);
