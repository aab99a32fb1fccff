import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CaseResult, evaluateGold, metricsByFile, metricsFor } from '../../../eval/coding/evaluate.ts';
import { loadGoldDirectory, MalformedGoldError, parseGoldFile } from '../../../eval/coding/gold-file.ts';
import { main } from '../../../scripts/eval-coding.ts';
import { codeSets, config } from './support.ts';

const GOLD_DIR = fileURLToPath(new URL('../../../eval/coding/gold', import.meta.url));
const validCase = {
  id: 'spec-001',
  heldOut: false,
  tags: ['em.time'],
  document: { name: 'spec.txt', lines: ['CHIEF COMPLAINT: Cough.'] },
  expected: { diagnoses: ['J20.9'], lines: [{ code: '99213' }], emCode: '99213' },
};

describe('gold files', () => {
  it('reads a valid file, defaulting modifiers to none and units to 1', () => {
    const [gold] = parseGoldFile(JSON.stringify({ goldFormat: 1, cases: [validCase] }), 'spec.json');
    expect(gold?.expected.lines).toEqual([{ code: '99213', modifiers: [], units: 1 }]);
  });

  it.each([
    ['not JSON', '{', /spec\.json: not JSON/],
    [
      'a case without tags',
      JSON.stringify({ goldFormat: 1, cases: [{ ...validCase, tags: [] }] }),
      /spec\.json: case spec-001, tags: tag each case/,
    ],
    [
      'a malformed procedure code',
      JSON.stringify({
        goldFormat: 1,
        cases: [{ ...validCase, expected: { ...validCase.expected, lines: [{ code: '9921' }] } }],
      }),
      /case spec-001, expected\.lines\.0\.code: a CPT\/HCPCS code is 5 characters/,
    ],
    [
      'both lines and text',
      JSON.stringify({ goldFormat: 1, cases: [{ ...validCase, document: { name: 'x', lines: [], text: '' } }] }),
      /case spec-001, document: give exactly one/,
    ],
    ['an unknown format version', JSON.stringify({ goldFormat: 2, cases: [validCase] }), /goldFormat/],
  ])('names the file, case and field of %s', (_, text, message) => {
    expect(() => parseGoldFile(text, 'spec.json')).toThrow(message);
  });

  it('refuses the same case id in two files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gold-'));
    for (const name of ['a.json', 'b.json'])
      writeFileSync(join(dir, name), JSON.stringify({ goldFormat: 1, cases: [validCase] }));
    expect(() => loadGoldDirectory(dir)).toThrow(MalformedGoldError);
    expect(() => loadGoldDirectory(dir)).toThrow(/case id spec-001 appears in .*a\.json and .*b\.json/);
  });
});

describe('npm run eval:coding', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exits 1 on a malformed gold directory', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const dir = mkdtempSync(join(tmpdir(), 'gold-'));
    writeFileSync(join(dir, 'bad.json'), '{"goldFormat": 1}');
    expect(await main(['--gold', dir])).toBe(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/malformed gold: .*bad\.json/);
  });
});

describe('metrics', () => {
  it('counts precision over predicted and recall over gold, per code', () => {
    const result = {
      id: 'x',
      file: 'x.json',
      heldOut: false,
      autoCoded: true,
      exact: false,
      predicted: { diagnoses: ['J209', 'R059'], lines: ['99213 x1'], emCode: '99213' },
      expected: { diagnoses: ['J209'], lines: ['99213 x1', '94640 x1'], emCode: '99213' },
      reviewReasons: [],
    };
    const m = metricsFor([result]);
    expect([m.diagnoses.full.precision, m.diagnoses.full.recall]).toEqual([0.5, 1]);
    expect([m.procedures.precision, m.procedures.recall]).toEqual([1, 0.5]);
    expect([m.automationRate, m.autoCodedPrecision]).toEqual([1, 0]);
  });
});

describe('metrics by gold file', () => {
  const result = (id: string, file: string, heldOut: boolean, autoCoded: boolean): CaseResult => ({
    id,
    file,
    heldOut,
    autoCoded,
    exact: true,
    predicted: { diagnoses: ['J209'], lines: ['99213 x1'], emCode: '99213' },
    expected: { diagnoses: ['J209'], lines: ['99213 x1'], emCode: '99213' },
    reviewReasons: [],
  });

  it('measures each file on its own, tuned and held out apart', () => {
    const byFile = metricsByFile([
      result('a1', 'a.json', false, true),
      result('a2', 'a.json', true, false),
      result('b1', 'b.json', false, false),
    ]);
    expect(byFile.map((f) => [f.file, f.tuned.cases, f.tuned.automationRate, f.heldOut.cases])).toEqual([
      ['a.json', 1, 1, 1],
      ['b.json', 1, 0, 0],
    ]);
  });
});

describe('the practice configuration fills a note, as in the pipeline', () => {
  it('does not ask a note for the billing NPI or place of service the practice sets once', () => {
    const note = [
      'Patient: Rivera, Ana   DOB: 04/12/1961   Sex: F',
      'Date of service: 2026-11-02   Visit type: established',
      'Payer: Sandbox Health Plan (SANDBOX1)   Member ID: SBX123456789',
      'Provider: Adaeze Okafor, MD   Provider NPI: 1456789019',
      'ASSESSMENT AND PLAN:',
      '1. Essential hypertension, at goal. Continue lisinopril.',
    ];
    const [gold] = parseGoldFile(
      JSON.stringify({ goldFormat: 1, cases: [{ ...validCase, document: { name: 'n.txt', lines: note } }] }),
      'n.json',
    );
    const { results } = evaluateGold([gold!], { codeSets, config, date: '2026-11-23' });
    expect(results[0]!.reviewReasons.join('\n')).not.toMatch(/billing provider NPI|place of service/);
  });
});

describe('the gold set meets the targets on its tuned part', () => {
  const cases = loadGoldDirectory(GOLD_DIR);

  it('has at least 150 cases, about a third held out', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const held = cases.filter((c) => c.heldOut).length / cases.length;
    expect(held).toBeGreaterThan(0.25);
    expect(held).toBeLessThan(0.45);
  });

  it('auto-codes at least 70% of tuned encounters with at least 95% of them exactly right', () => {
    const { tuned } = evaluateGold(cases, { codeSets, config, date: '2026-11-23' });
    expect(tuned.errors).toBe(0);
    expect(tuned.automationRate).toBeGreaterThanOrEqual(0.7);
    expect(tuned.autoCodedPrecision).toBeGreaterThanOrEqual(0.95);
  });

  it('meets them on the procedure side alone (gold diagnoses given)', () => {
    const { tuned } = evaluateGold(cases, { codeSets, config, date: '2026-11-23', oracleDiagnoses: true });
    expect(tuned.automationRate).toBeGreaterThanOrEqual(0.7);
    expect(tuned.autoCodedPrecision).toBeGreaterThanOrEqual(0.95);
    expect(tuned.emAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
