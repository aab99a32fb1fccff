/**
 * Coder throughput: warm CPU cost per note and notes per CPU-second (plus wall notes/s and per-document latency
 * p50/p99) for parse + code, with the full FY2018 ICD-10-CM release loaded (imported from the CMS order file zip into
 * a temporary bundle first). Two layouts: the MTSamples transcriptions in ../shared/data/mtsamples (dictation from
 * other hands; skipped, saying so, when absent) and ~2 KB notes of our own (every gold note of eval/coding/gold,
 * completed with the review of systems and examination a full visit note carries). Peers measured side by side in
 * the same run: parsing alone (what coding adds on top of reading the note) and the procedure side alone (gold
 * diagnoses given).
 *
 * Honest and stable on a shared machine: the import and the first pass over the notes (which builds the release's
 * title index and warms the JIT) are reported apart and never counted; then ROUNDS rounds, each coding the notes
 * as often as it takes to spend at least ROUND_CPU_MS of CPU, each timed by the process's own CPU time. The median
 * round is the figure; the range over the rounds shows how much the machine's load moved it. The load average
 * (before and after each layout) and the core count are printed beside the figures: CPU time still rises when other
 * processes share the cores (caches, hyper-threads), so a figure taken under load says so. Compare trees side by
 * side in one process, never figures from different runs.
 * Target: >= 1,000 notes per CPU-second for parse + code on both layouts.
 * Run: `npm run bench -- coding`. Skips, saying so, when the ICD-10-CM order file is absent.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { createCodeSets } from '#core/codesets/index';
import { starterReleaseSources } from '#core/codesets/starter/index';
import { codeEncounter, codeEncounterWith, type DiagnosisCoder } from '#core/coding/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import { parseCsv } from '#core/documents/csv/rfc4180';
import type { Encounter } from '#core/documents/encounter';
import { parseClinicalNote } from '#core/documents/note/parse-note';
import { readBundleDirectory, writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CLAIMFLOW_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');
const ICD_ZIP = join(shared, 'icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip');
const MTSAMPLES = join(shared, 'mtsamples', 'mtsamples_subset_401_timarbende.csv');
/** Inside FY2018, so the imported release answers every ICD-10-CM lookup. */
const DATE = '2018-03-01';
/** Rounds measured (after the first pass), each at least ROUND_CPU_MS of CPU time. */
const ROUNDS = 9;
const ROUND_CPU_MS = 400;
/** Notes per CPU-second that parse + code must reach (issue 12). */
const TARGET = 1000;

if (!existsSync(ICD_ZIP)) {
  process.stdout.write(`skipped: ${ICD_ZIP} (the full ICD-10-CM release) is absent\n`);
  process.exit(0);
}

const bundleDir = mkdtempSync(join(tmpdir(), 'claimflow-coding-bench-'));
const importStart = performance.now();
writeReleasesAtomically(
  bundleDir,
  compileReleaseFiles([{ name: ICD_ZIP, bytes: readFileSync(ICD_ZIP) }], { compiledAt: new Date().toISOString() }),
);
const codeSets = createCodeSets([
  ...readBundleDirectory(bundleDir),
  // CPT, HCPCS and NCCI from the starter bundle: the coder validates procedure codes there.
  ...starterReleaseSources().filter((source) => source.manifest.kind !== 'icd10cm'),
]);
const importMs = performance.now() - importStart;
const icd = codeSets.releaseFor('icd10cm', DATE)!;
const config = parsePracticeConfig(
  JSON.parse(readFileSync(join(repoRoot, 'eval', 'coding', 'practice.json'), 'utf8')),
  'eval/coding/practice.json',
);

function mtsampleNotes(): string[] {
  const parsed = parseCsv(readFileSync(MTSAMPLES, 'utf8'));
  if (!parsed.ok) throw new Error(`${MTSAMPLES}: line ${parsed.line}, field ${parsed.field}: ${parsed.message}`);
  // No header: index, description, medical_specialty, sample_name, transcription, keywords.
  return parsed.records.map((r) => (r.cells[4] ?? '').trim()).filter((text) => text.length > 0);
}

const FILLER = [
  'REVIEW OF SYSTEMS: Constitutional: no weight loss, no night sweats. Eyes: no vision change. ENT: no ear pain. Cardiovascular: no palpitations, no edema. Respiratory: no hemoptysis. Gastrointestinal: no melena, no hematochezia. Genitourinary: no hematuria. Musculoskeletal: no joint swelling. Skin: no rash. Neurologic: no focal weakness, no numbness. Psychiatric: mood stable. All other systems reviewed and negative.',
  'VITAL SIGNS: Blood pressure 124/78, pulse 72, respirations 14, temperature 98.4 F, oxygen saturation 98% on room air, weight 176 lb, height 5 ft 9 in.',
  'MEDICATIONS: Medication list reviewed and reconciled with the patient, including over-the-counter products and supplements; no changes other than those in the plan. Allergies reviewed: no known drug allergies. Pharmacy confirmed. The patient was asked about adherence, side effects and cost, and reports taking medications as prescribed without difficulty. Preventive care reminders were reviewed with the patient at check-in and are recorded in the health maintenance section of the chart.',
  'PHYSICAL EXAM: General: alert, oriented, no acute distress. HEENT: normocephalic, atraumatic, moist mucous membranes. Neck: supple, no lymphadenopathy, no thyromegaly. Heart: regular rate and rhythm, no murmurs, rubs or gallops. Lungs: clear to auscultation bilaterally. Abdomen: soft, non-tender, non-distended, normal bowel sounds. Extremities: no clubbing, cyanosis or edema. Skin: warm and dry. Neuro: cranial nerves intact, gait normal.',
];

/** Every gold note (eval/coding/gold/*.json, plain-text documents) completed to about 2 KB with a full review of systems and examination. */
function ownNotes(): { text: string; diagnoses: string[] }[] {
  const goldDir = join(repoRoot, 'eval', 'coding', 'gold');
  return readdirSync(goldDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as {
        cases: { document: { name: string; lines?: string[]; text?: string }; expected: { diagnoses: string[] } }[];
      };
      return gold.cases
        .filter((c) => c.document.name.endsWith('.txt') && (c.document.lines ?? c.document.text))
        .map((c) => {
          const lines = c.document.lines ? [...c.document.lines] : c.document.text!.split('\n');
          const assessment = lines.findIndex((l) => l.startsWith('ASSESSMENT'));
          lines.splice(assessment >= 0 ? assessment : lines.length, 0, ...FILLER);
          return {
            text: lines.join('\n').replace(/^Date of service: .*$/m, `Date of service: ${DATE}`),
            diagnoses: c.expected.diagnoses,
          };
        });
    });
}

interface Measured {
  /** CPU time of the first pass over the notes (first-use builds, JIT warm-up): reported, never counted. */
  firstPassMs: number;
  /** Notes per CPU-second of each measured round (this process's user + system time), sorted. */
  perCpuSecond: number[];
  /** Wall-clock notes per second over all rounds (falls when other processes take the CPU). */
  notesPerSecond: number;
  p50: number;
  p99: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

function measure(documents: readonly string[], work: (text: string, i: number) => unknown): Measured {
  const firstStart = process.cpuUsage();
  for (const [i, text] of documents.entries()) work(text, i);
  const firstPassMs = cpuMs(firstStart);
  // One more untimed pass to size the rounds on warm code.
  const sizing = process.cpuUsage();
  for (const [i, text] of documents.entries()) work(text, i);
  const passes = Math.max(1, Math.ceil(ROUND_CPU_MS / Math.max(1, cpuMs(sizing))));
  const latencies: number[] = [];
  const perCpuSecond: number[] = [];
  let wall = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let pass = 0; pass < passes; pass += 1) {
      for (const [i, text] of documents.entries()) {
        const t = performance.now();
        work(text, i);
        latencies.push(performance.now() - t);
      }
    }
    perCpuSecond.push((documents.length * passes * 1000) / cpuMs(cpuStart));
    wall += performance.now() - started;
  }
  latencies.sort((a, b) => a - b);
  perCpuSecond.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    firstPassMs,
    perCpuSecond,
    notesPerSecond: (documents.length * passes * ROUNDS * 1000) / wall,
    p50: at(0.5),
    p99: at(0.99),
  };
}

const median = (sorted: readonly number[]) => sorted[Math.floor(sorted.length / 2)]!;

function parse(text: string, i: number): Encounter {
  const parsed = parseClinicalNote(text, { key: `note-${i}` });
  if (!parsed.ok) throw new Error(`note ${i}: ${parsed.message}`);
  return parsed.encounters[0]!;
}

/** The 1-minute load average against the cores: "load 7.9 on 2 cores". */
const load = () => `load ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;

function report(label: string, documents: readonly string[], oracle?: (i: number) => DiagnosisCoder) {
  const loadBefore = load();
  const meanKb = documents.reduce((sum, d) => sum + Buffer.byteLength(d), 0) / documents.length / 1024;
  const parseOnly = measure(documents, (text, i) => parse(text, i));
  const full = measure(documents, (text, i) => codeEncounter(parse(text, i), { codeSets, config, date: DATE }));
  const rows: [string, Measured][] = [
    ['parse only (peer)', parseOnly],
    ['parse + code', full],
  ];
  if (oracle) {
    rows.push([
      'parse + procedures (gold diagnoses)',
      measure(documents, (text, i) => codeEncounterWith(parse(text, i), { codeSets, config, date: DATE }, oracle(i))),
    ]);
  }
  process.stdout.write(
    `--- ${label}: ${documents.length} notes, mean ${meanKb.toFixed(2)} KB, ${ROUNDS} rounds of >= ${ROUND_CPU_MS} ms CPU ---\n`,
  );
  process.stdout.write(
    `${''.padEnd(38)} ${'notes per CPU-s: median [min-max]'.padEnd(34)} CPU/note  wall notes/s   p50 / p99 ms   first pass\n`,
  );
  for (const [name, m] of rows) {
    const mid = median(m.perCpuSecond);
    const range = `${mid.toFixed(0).padStart(6)} [${m.perCpuSecond[0]!.toFixed(0)}-${m.perCpuSecond.at(-1)!.toFixed(0)}]`;
    process.stdout.write(
      `${name.padEnd(38)} ${range.padEnd(34)} ${`${(1000 / mid).toFixed(3)} ms`.padStart(8)}  ${m.notesPerSecond.toFixed(0).padStart(11)}   ${m.p50.toFixed(3)} / ${m.p99.toFixed(3)}   ${m.firstPassMs.toFixed(0)} ms CPU\n`,
    );
  }
  process.stdout.write(
    `coding costs ${(median(parseOnly.perCpuSecond) / median(full.perCpuSecond)).toFixed(1)}x the parse CPU time alone\n`,
  );
  const coded = full.perCpuSecond;
  const verdict =
    coded[0]! >= TARGET
      ? 'met in every round'
      : median(coded) >= TARGET
        ? 'met at the median, not in every round'
        : 'not met';
  process.stdout.write(`target >= ${TARGET} notes per CPU-s (parse + code): ${verdict}\n`);
  process.stdout.write(`machine: ${loadBefore} before, ${load()} after (shared machines: figures fall under load)\n\n`);
}

process.stdout.write(
  `ICD-10-CM ${icd.id} (${icd.counts.codes} codes) imported and loaded in ${importMs.toFixed(0)} ms\n\n`,
);
if (existsSync(MTSAMPLES)) report('MTSamples transcriptions', mtsampleNotes());
else process.stdout.write(`MTSamples part skipped: ${MTSAMPLES} is absent\n\n`);
const own = ownNotes();
report(
  'own ~2 KB visit notes',
  own.map((n) => n.text),
  (i) => () => ({
    diagnoses: own[i]!.diagnoses.map((code) => ({ code, confidence: 1, evidence: [], codeSetVersion: 'gold' })),
    reviewReasons: [],
    excluded: [],
  }),
);
rmSync(bundleDir, { recursive: true, force: true });
