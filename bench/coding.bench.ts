/**
 * Coder throughput: notes per second and per-document latency (p50/p99) for parse + code, on the MTSamples
 * transcriptions in ../shared/data/mtsamples and on ~2 KB notes of our own (the gold notes, completed with the
 * review of systems and examination a full visit note carries), with the full FY2018 ICD-10-CM release loaded
 * (imported from the CMS order file zip into a temporary bundle first). Peers measured side by side in the same
 * run: parsing alone (what coding adds on top of reading the note) and the procedure side alone (gold diagnoses
 * given). Target: >= 1,000 notes/s on one core for 2 KB notes.
 * Run: `npm run bench -- coding`. Skips, saying so, when ../shared/data is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const ROUNDS = 5;

if (![ICD_ZIP, MTSAMPLES].every(existsSync)) {
  process.stdout.write(`skipped: ${ICD_ZIP} or ${MTSAMPLES} is absent\n`);
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

/** The gold notes completed to about 2 KB with a full review of systems and examination. */
function ownNotes(): { text: string; diagnoses: string[] }[] {
  const gold = JSON.parse(readFileSync(join(repoRoot, 'eval', 'coding', 'gold', 'procedures-1.json'), 'utf8')) as {
    cases: { document: { name: string; lines?: string[] }; expected: { diagnoses: string[] } }[];
  };
  return gold.cases
    .filter((c) => c.document.name.endsWith('.txt') && c.document.lines)
    .map((c) => {
      const lines = [...c.document.lines!];
      const assessment = lines.findIndex((l) => l.startsWith('ASSESSMENT'));
      lines.splice(assessment >= 0 ? assessment : lines.length, 0, ...FILLER);
      return {
        text: lines.join('\n').replace(/^Date of service: .*$/m, `Date of service: ${DATE}`),
        diagnoses: c.expected.diagnoses,
      };
    });
}

interface Measured {
  notesPerSecond: number;
  /** Notes per second of this process's CPU time: what one free core would do on a machine shared with others. */
  notesPerCpuSecond: number;
  p50: number;
  p99: number;
}

function measure(documents: readonly string[], work: (text: string, i: number) => unknown): Measured {
  for (const [i, text] of documents.entries()) work(text, i); // warm-up
  const latencies: number[] = [];
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, text] of documents.entries()) {
      const t = performance.now();
      work(text, i);
      latencies.push(performance.now() - t);
    }
  }
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const notes = documents.length * ROUNDS;
  return {
    notesPerSecond: (notes * 1000) / elapsed,
    notesPerCpuSecond: (notes * 1e6) / (cpu.user + cpu.system),
    p50: at(0.5),
    p99: at(0.99),
  };
}

function parse(text: string, i: number): Encounter {
  const parsed = parseClinicalNote(text, { key: `note-${i}` });
  if (!parsed.ok) throw new Error(`note ${i}: ${parsed.message}`);
  return parsed.encounters[0]!;
}

function report(label: string, documents: readonly string[], oracle?: (i: number) => DiagnosisCoder) {
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
  process.stdout.write(`--- ${label}: ${documents.length} notes, mean ${meanKb.toFixed(2)} KB, ${ROUNDS} rounds ---\n`);
  for (const [name, m] of rows) {
    process.stdout.write(
      `${name.padEnd(38)} ${m.notesPerSecond.toFixed(0).padStart(7)} notes/s (${m.notesPerCpuSecond.toFixed(0).padStart(6)} per CPU-s)   p50 ${m.p50.toFixed(3)} ms   p99 ${m.p99.toFixed(3)} ms\n`,
    );
  }
  process.stdout.write(
    `coding costs ${(parseOnly.notesPerSecond / full.notesPerSecond).toFixed(1)}x the parse time alone\n\n`,
  );
}

process.stdout.write(
  `ICD-10-CM ${icd.id} (${icd.counts.codes} codes) imported and loaded in ${importMs.toFixed(0)} ms\n\n`,
);
report('MTSamples transcriptions', mtsampleNotes());
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
