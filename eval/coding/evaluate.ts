/**
 * Runs the coder on gold cases and computes the metrics of eval/coding/README.md, separately for the tuned and
 * the held-out part.
 */
import type { CodeSets } from '#core/codesets/index';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { codeEncounter, codeEncounterWith, type DiagnosisCoder } from '#core/coding/index';
import type { PracticeConfig } from '#core/config/practice-config';
import { applyPracticeDefaults } from '#core/config/practice-defaults';
import { parseDocument } from '#core/documents/index';
import { type Band, confidenceBands } from '../confidence-bands.ts';
import { documentText, type LoadedGoldCase } from './gold-file.ts';

const EM = /^(9920[2-5]|9921[1-5]|993[89][1-7]|G043[89])$/;
const plain = (code: string) => code.replace('.', '').toUpperCase();

export interface CaseResult {
  id: string;
  /** The gold file the case comes from. */
  file: string;
  heldOut: boolean;
  /** The document could not be parsed into exactly one encounter. */
  error?: string;
  autoCoded: boolean;
  exact: boolean;
  predicted: { diagnoses: string[]; lines: string[]; emCode: string | null };
  expected: { diagnoses: string[]; lines: string[]; emCode: string | null };
  reviewReasons: string[];
  /** The weakest code's confidence (diagnoses and lines): what the auto-coding threshold is compared with. */
  confidence?: number;
}

export interface PrecisionRecall {
  truePositives: number;
  predicted: number;
  expected: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface PartMetrics {
  cases: number;
  errors: number;
  diagnoses: { full: PrecisionRecall; category: PrecisionRecall };
  procedures: PrecisionRecall;
  firstListedAccuracy: number;
  emAccuracy: number;
  modifierAccuracy: number;
  unitAccuracy: number;
  automationRate: number;
  autoCodedPrecision: number;
  autoCoded: number;
  autoCodedExact: number;
  /** Exactly right encounters by band of their weakest code's confidence: the curve the threshold is read from. */
  bands: Band[];
}

function lineKey(code: string, modifiers: readonly string[], units: number): string {
  const mods = [...modifiers].sort().join(':');
  return `${code}${mods ? `-${mods}` : ''} x${units}`;
}

function multisetEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
}

export interface EvaluationPorts {
  codeSets: CodeSets;
  config: PracticeConfig;
  date: string;
  /** Replace the diagnosis coder with the gold diagnoses, to measure the procedure side alone. */
  oracleDiagnoses?: boolean;
}

/** A diagnosis coder that answers the gold diagnoses (confidence 1, evidence naming the gold file). */
function oracleFor(gold: LoadedGoldCase): DiagnosisCoder {
  return () => ({
    diagnoses: gold.expected.diagnoses.map((code) => ({
      code,
      confidence: 1,
      evidence: [{ kind: 'field', path: `${gold.file}#${gold.id}`, rule: 'eval.oracle' }],
      codeSetVersion: 'gold',
    })),
    reviewReasons: [],
    excluded: [],
  });
}

export function codeGoldCase(gold: LoadedGoldCase, ports: EvaluationPorts): CaseResult {
  const expected = {
    diagnoses: gold.expected.diagnoses.map(plain),
    lines: gold.expected.lines.map((l) => lineKey(l.code, l.modifiers, l.units)),
    emCode: gold.expected.emCode,
  };
  const base = { id: gold.id, file: gold.file, heldOut: gold.heldOut, expected };
  const parsed = parseDocument(new TextEncoder().encode(documentText(gold)), { key: gold.document.name });
  if (!parsed.ok || parsed.encounters.length !== 1) {
    const error = parsed.ok
      ? `${parsed.encounters.length} encounters, a gold case is one`
      : `${parsed.reason}: ${parsed.message}`;
    return {
      ...base,
      error,
      autoCoded: false,
      exact: false,
      predicted: { diagnoses: [], lines: [], emCode: null },
      reviewReasons: [],
    };
  }
  let coded: CodedEncounter;
  try {
    const codingPorts = { codeSets: ports.codeSets, config: ports.config, date: gold.date ?? ports.date };
    // As the pipeline does (core/pipeline/code-encounters.ts): what the practice sets once (its one billing provider,
    // the default place of service, the payer's name) is filled before coding, so notes need not repeat it.
    const encounter = applyPracticeDefaults(parsed.encounters[0]!, ports.config);
    coded = ports.oracleDiagnoses
      ? codeEncounterWith(encounter, codingPorts, oracleFor(gold))
      : codeEncounter(encounter, codingPorts);
  } catch (error) {
    // A coder crash is a wrong answer for this case, reported, not the end of the evaluation.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      ...base,
      error: `coder threw ${message}`,
      autoCoded: false,
      exact: false,
      predicted: { diagnoses: [], lines: [], emCode: null },
      reviewReasons: [],
    };
  }
  const predicted = {
    diagnoses: coded.diagnoses.map((d) => plain(d.code)),
    lines: coded.lines.map((l) => lineKey(l.code, l.modifiers, l.units)),
    emCode: coded.lines.find((l) => EM.test(l.code))?.code ?? null,
  };
  const autoCoded = !coded.review.required;
  const confidences = [...coded.diagnoses.map((d) => d.confidence), ...coded.lines.map((l) => l.confidence)];
  const exact =
    multisetEqual(predicted.diagnoses, expected.diagnoses) &&
    predicted.diagnoses[0] === expected.diagnoses[0] &&
    multisetEqual(predicted.lines, expected.lines) &&
    !(gold.expected.review === true && autoCoded);
  return {
    ...base,
    autoCoded,
    exact,
    predicted,
    reviewReasons: coded.review.reasons.map((r) => `[${r.category}] ${r.message}`),
    ...(confidences.length > 0 ? { confidence: Math.min(...confidences) } : {}),
  };
}

function precisionRecall(pairs: { predicted: string[]; expected: string[] }[]): PrecisionRecall {
  let tp = 0;
  let predicted = 0;
  let expected = 0;
  for (const pair of pairs) {
    const remaining = [...pair.expected];
    for (const p of pair.predicted) {
      const i = remaining.indexOf(p);
      if (i >= 0) {
        tp += 1;
        remaining.splice(i, 1);
      }
    }
    predicted += pair.predicted.length;
    expected += pair.expected.length;
  }
  const precision = predicted === 0 ? 1 : tp / predicted;
  const recall = expected === 0 ? 1 : tp / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, predicted, expected, precision, recall, f1 };
}

const codeOf = (key: string) => key.split(/[- ]/)[0]!;
const unique = (values: string[]) => [...new Set(values)];

export function metricsFor(results: readonly CaseResult[]): PartMetrics {
  const scored = results;
  const withDiagnoses = scored.filter((r) => r.expected.diagnoses.length > 0);
  let matchedLines = 0;
  let sameModifiers = 0;
  let sameUnits = 0;
  for (const r of scored) {
    const predictedByCode = new Map(r.predicted.lines.map((k) => [codeOf(k), k]));
    for (const e of r.expected.lines) {
      const p = predictedByCode.get(codeOf(e));
      if (!p) continue;
      matchedLines += 1;
      const mods = (k: string) => k.split(' ')[0]!.split('-').slice(1).sort().join(':');
      if (mods(p) === mods(e)) sameModifiers += 1;
      if (p.split(' x')[1] === e.split(' x')[1]) sameUnits += 1;
    }
  }
  const autoCoded = scored.filter((r) => r.autoCoded);
  const autoCodedExact = autoCoded.filter((r) => r.exact).length;
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    cases: scored.length,
    errors: scored.filter((r) => r.error).length,
    diagnoses: {
      full: precisionRecall(
        scored.map((r) => ({ predicted: unique(r.predicted.diagnoses), expected: unique(r.expected.diagnoses) })),
      ),
      category: precisionRecall(
        scored.map((r) => ({
          predicted: unique(r.predicted.diagnoses.map((d) => d.slice(0, 3))),
          expected: unique(r.expected.diagnoses.map((d) => d.slice(0, 3))),
        })),
      ),
    },
    procedures: precisionRecall(
      scored.map((r) => ({ predicted: r.predicted.lines.map(codeOf), expected: r.expected.lines.map(codeOf) })),
    ),
    firstListedAccuracy: ratio(
      withDiagnoses.filter((r) => r.predicted.diagnoses[0] === r.expected.diagnoses[0]).length,
      withDiagnoses.length,
    ),
    emAccuracy: ratio(scored.filter((r) => r.predicted.emCode === r.expected.emCode).length, scored.length),
    modifierAccuracy: ratio(sameModifiers, matchedLines),
    unitAccuracy: ratio(sameUnits, matchedLines),
    automationRate: ratio(autoCoded.length, scored.length),
    autoCodedPrecision: ratio(autoCodedExact, autoCoded.length),
    autoCoded: autoCoded.length,
    autoCodedExact,
    bands: confidenceBands(
      scored,
      (r) => r.confidence,
      (r) => r.exact,
    ),
  };
}

export interface FileMetrics {
  file: string;
  tuned: PartMetrics;
  heldOut: PartMetrics;
}

export interface Evaluation {
  results: CaseResult[];
  tuned: PartMetrics;
  heldOut: PartMetrics;
  /** The same metrics for each gold file on its own, in file order: one file's gains cannot hide another's losses. */
  byFile: FileMetrics[];
}

export function metricsByFile(results: readonly CaseResult[]): FileMetrics[] {
  const files = [...new Set(results.map((r) => r.file))];
  return files.map((file) => {
    const own = results.filter((r) => r.file === file);
    return {
      file,
      tuned: metricsFor(own.filter((r) => !r.heldOut)),
      heldOut: metricsFor(own.filter((r) => r.heldOut)),
    };
  });
}

export function evaluateGold(cases: readonly LoadedGoldCase[], ports: EvaluationPorts): Evaluation {
  const results = cases.map((c) => codeGoldCase(c, ports));
  return {
    results,
    tuned: metricsFor(results.filter((r) => !r.heldOut)),
    heldOut: metricsFor(results.filter((r) => r.heldOut)),
    byFile: metricsByFile(results),
  };
}
