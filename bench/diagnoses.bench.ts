/**
 * Diagnosis coder throughput alone: notes per second (wall and per CPU-second) and p50/p99 latency of
 * `codeDiagnoses` on already parsed notes, with the full FY2018 ICD-10-CM release loaded (imported from the CMS
 * order file zip into a temporary bundle first), beside the note parser as the peer measured in the same run. Notes:
 * the MTSamples transcriptions in ../shared/data/mtsamples and our diagnosis gold notes completed to about 2 KB with
 * the review of systems, vitals and exam a full visit note carries. The one-time costs (lexicon compile, the walk of
 * the release's code titles) are reported apart. Target: >= 1,000 notes/s on one core for 2 KB notes.
 * Run: `npm run bench -- diagnoses`. Skips, saying so, when ../shared/data is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { createCodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { parseCsv } from '#core/documents/csv/rfc4180';
import type { Encounter } from '#core/documents/encounter';
import { parseClinicalNote } from '#core/documents/note/parse-note';
import { readBundleDirectory, writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.CLAIMFLOW_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');
const ICD_ZIP = join(shared, 'icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip');
const MTSAMPLES = join(shared, 'mtsamples', 'mtsamples_subset_401_timarbende.csv');
/** Inside FY2018, so the imported release answers every lookup. */
const DATE = '2018-03-01';
const ROUNDS = 20;

if (![ICD_ZIP, MTSAMPLES].every(existsSync)) {
  process.stdout.write(`skipped: ${ICD_ZIP} or ${MTSAMPLES} is absent\n`);
  process.exit(0);
}

const bundleDir = mkdtempSync(join(tmpdir(), 'claimflow-diagnoses-bench-'));
const importStart = performance.now();
writeReleasesAtomically(
  bundleDir,
  compileReleaseFiles([{ name: ICD_ZIP, bytes: readFileSync(ICD_ZIP) }], { compiledAt: new Date().toISOString() }),
);
const codeSets = createCodeSets(readBundleDirectory(bundleDir));
const importMs = performance.now() - importStart;
const ports = { codeSets, date: DATE };

const FULL_VISIT = [
  'PAST MEDICAL HISTORY: Appendectomy in childhood. Tonsillectomy. No prior hospitalizations for heart or lung disease. Immunizations reported up to date; last tetanus booster five years ago. Colonoscopy and other age-appropriate screening reviewed with the patient and recorded in the health maintenance section.',
  'FAMILY HISTORY: Mother with hypertension and osteoarthritis. Father with type 2 diabetes and coronary artery disease. No family history of colon cancer.',
  'SOCIAL HISTORY: Lives with spouse, works full time in an office. Never smoker. Drinks alcohol socially, one to two drinks per week. No recreational drug use. Walks thirty minutes most days.',
  'REVIEW OF SYSTEMS: Constitutional: no fever, no weight loss, no night sweats. Eyes: no vision change. ENT: no ear pain, no sore throat. Cardiovascular: no chest pain, no palpitations, no edema. Respiratory: no cough, no shortness of breath, no wheezing. Gastrointestinal: no nausea, vomiting or diarrhea. Genitourinary: no dysuria, no hematuria. Musculoskeletal: no joint swelling. Skin: no rash. Neurologic: no headache, no dizziness. Psychiatric: no depression, no anxiety.',
  'VITAL SIGNS: Blood pressure 124/78, pulse 72, respirations 14, temperature 98.4 F, oxygen saturation 98% on room air.',
  'MEDICATIONS: Medication list reviewed and reconciled, including over-the-counter products; no changes other than those in the plan.',
  'PHYSICAL EXAM: General: alert, oriented, no acute distress. HEENT: normocephalic, atraumatic. Neck: supple, no lymphadenopathy. Heart: regular rate and rhythm, no murmurs. Lungs: clear to auscultation bilaterally. Abdomen: soft, non-tender. Extremities: no edema. Skin: warm and dry, no rash. Neuro: nonfocal.',
];

function goldNotes(): string[] {
  return ['diagnoses-1.json', 'diagnoses-2.json'].flatMap((file) => {
    const gold = JSON.parse(readFileSync(join(repoRoot, 'eval', 'coding', 'gold', file), 'utf8')) as {
      cases: { document: { lines?: string[] } }[];
    };
    return gold.cases
      .filter((c) => c.document.lines)
      .map((c) => {
        const lines = [...c.document.lines!];
        const assessment = lines.findIndex((line) => line.startsWith('ASSESSMENT'));
        lines.splice(assessment >= 0 ? assessment : lines.length, 0, ...FULL_VISIT);
        return lines.join('\n');
      });
  });
}

function mtsampleNotes(): string[] {
  const parsed = parseCsv(readFileSync(MTSAMPLES, 'utf8'));
  if (!parsed.ok) throw new Error(`${MTSAMPLES}: line ${parsed.line}, field ${parsed.field}: ${parsed.message}`);
  // No header: index, description, medical_specialty, sample_name, transcription, keywords.
  return parsed.records.map((r) => (r.cells[4] ?? '').trim()).filter((text) => text.length > 0);
}

function parsed(texts: readonly string[]): Encounter[] {
  return texts.map((text, i) => {
    const result = parseClinicalNote(text, { key: `note-${i}` });
    if (!result.ok) throw new Error(`note ${i}: ${result.message}`);
    return result.encounters[0]!;
  });
}

interface Measured {
  perSecond: number;
  perCpuSecond: number;
  p50: number;
  p99: number;
}

function measure<T>(items: readonly T[], work: (item: T) => unknown): Measured {
  for (const item of items) work(item); // warm-up
  const latencies: number[] = [];
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round += 1)
    for (const item of items) {
      const t = performance.now();
      work(item);
      latencies.push(performance.now() - t);
    }
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuStart);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const count = items.length * ROUNDS;
  return {
    perSecond: (count * 1000) / elapsed,
    perCpuSecond: (count * 1e6) / (cpu.user + cpu.system),
    p50: at(0.5),
    p99: at(0.99),
  };
}

function row(name: string, m: Measured): string {
  return `${name.padEnd(30)} ${m.perSecond.toFixed(0).padStart(7)} notes/s (${m.perCpuSecond.toFixed(0).padStart(6)} per CPU-s)   p50 ${m.p50.toFixed(3)} ms   p99 ${m.p99.toFixed(3)} ms\n`;
}

function report(label: string, texts: readonly string[]): void {
  const encounters = parsed(texts);
  const meanKb = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / texts.length / 1024;
  const parseOnly = measure(texts, (text) => parseClinicalNote(text, { key: 'note' }));
  const diagnoses = measure(encounters, (encounter) => codeDiagnoses(encounter, ports));
  process.stdout.write(`--- ${label}: ${texts.length} notes, mean ${meanKb.toFixed(2)} KB, ${ROUNDS} rounds ---\n`);
  process.stdout.write(row('parse only (peer)', parseOnly));
  process.stdout.write(row('codeDiagnoses (parsed notes)', diagnoses));
  process.stdout.write(
    `diagnosis coding costs ${(parseOnly.perCpuSecond / diagnoses.perCpuSecond).toFixed(1)}x the parse CPU time\n\n`,
  );
}

process.stdout.write(`ICD-10-CM FY2018 release imported and loaded in ${importMs.toFixed(0)} ms\n`);
const own = goldNotes();
const first = parsed(own.slice(0, 1))[0]!;
const firstStart = performance.now();
codeDiagnoses(first, ports);
process.stdout.write(`first note (lexicon compile): ${(performance.now() - firstStart).toFixed(0)} ms\n`);
const titleNote = parsed([
  'ASSESSMENT:\n1. Laceration without foreign body of other part of head, initial encounter.\n',
])[0]!;
const titleStart = performance.now();
codeDiagnoses(titleNote, ports);
process.stdout.write(
  `first statement read by code title (walk of the release's titles): ${(performance.now() - titleStart).toFixed(0)} ms\n\n`,
);
report('own visit notes (diagnosis gold + ROS/vitals/exam)', own);
report('MTSamples transcriptions', mtsampleNotes());
rmSync(bundleDir, { recursive: true, force: true });
