/**
 * Scrubbing throughput: claims scrubbed per second on one core with a full-size NCCI PTP table loaded. No real CMS
 * table is available offline, so the benchmark writes one of realistic size (1.5 million pairs by default, CMS
 * tab-delimited layout in four parts, like a quarterly ccipra-v*r0-f1..f4 release), imports it with the real importer
 * into a temporary bundle, and scrubs a mix of claims against it. Peer, side by side in the same run: the same claims
 * against the starter bundle's six-row PTP table; the ratio shows that a lookup does not grow with the table (binary
 * search in the compiled table, never a scan). CLAIMFLOW_BENCH_PTP_PAIRS overrides the table size.
 * Throughput is counted per CPU-second of this process (process.cpuUsage), the one-core figure that stays meaningful
 * when other work shares the machine; wall-clock rates are printed beside it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Claim } from '#core/claims/claim';
import { createCodeSets } from '#core/codesets/code-sets';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import type { CodeSets } from '#core/codesets/index';
import { starterReleaseSources } from '#core/codesets/starter/index';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { parsePracticeConfig } from '#core/config/practice-config';
import { InMemoryPriorClaims, type ScrubPorts, scrubClaim } from '#core/scrubbing/index';
import { readBundleDirectory, writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAIRS = Number(process.env.CLAIMFLOW_BENCH_PTP_PAIRS ?? 1_500_000);
const DOS = '2026-11-02';
const DISTINCT_CLAIMS = 2_000;
const ROUND_MS = 1_500;
const ROUNDS = 3;
const out = mkdtempSync(join(tmpdir(), 'claimflow-scrub-bench-'));
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Deterministic pseudo-random numbers (the table and the claims are the same on every run). */
let seed = 20261123;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// Codes the claims bill; every one of them is a column-1 code with a full row of column-2 codes in the table.
const CLAIM_CODES = ['99213', '99214', '99211', '96372', '93000', '93005', '20610', '20550', '17110', '11200'];
const CLAIM_CODES_MORE = ['36415', '81002', '90471', '90686', 'J1100', 'G0008', '69210', '87880', '85018', '94640'];
const RATIONALES = [
  'Standards of medical / surgical services',
  'Mutually exclusive procedures',
  'CPT Manual or CMS manual coding instructions',
  'Misuse of column two code with column one code',
];

function writePtpTable(): { files: string[]; bytes: number } {
  // A code universe like CPT + HCPCS: 24,000 numeric and J/G/A codes; each column-1 code bundles ~200 others.
  const universe: string[] = [];
  for (let n = 10_004; universe.length < 20_000; n += 4) universe.push(String(n));
  for (const letter of ['A', 'G', 'J'])
    for (let n = 0; n < 1_334; n += 1) universe.push(`${letter}${String(n * 7).padStart(4, '0')}`);
  const column1 = [...new Set([...CLAIM_CODES, ...CLAIM_CODES_MORE, ...universe])].slice(0, Math.ceil(PAIRS / 200));
  const rows: string[] = [];
  for (const c1 of column1) {
    const seen = new Set<string>();
    const partners = [...CLAIM_CODES, ...CLAIM_CODES_MORE].includes(c1) ? [...CLAIM_CODES, ...CLAIM_CODES_MORE] : [];
    while (seen.size < 200 && rows.length < PAIRS) {
      const c2 = partners.length > 0 && random() < 0.05 ? pick(partners) : pick(universe);
      if (c2 === c1 || seen.has(c2)) continue;
      seen.add(c2);
      const indicator = random() < 0.55 ? '1' : random() < 0.9 ? '0' : '9';
      const deleted = random() < 0.2 ? '20181231' : '*';
      rows.push(`${c1}\t${c2}\t\t20100101\t${deleted}\t${indicator}\t${pick(RATIONALES)}`);
    }
  }
  const header = [
    'CPT codes, descriptions and other data only are copyright 2025 American Medical Association. All rights reserved. Applicable FARS/DFARS apply.',
    'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier 0=not allowed 1=allowed 9=not applicable\tPTP Edit Rationale',
  ].join('\r\n');
  const files: string[] = [];
  let bytes = 0;
  const part = Math.ceil(rows.length / 4);
  for (let i = 0; i < 4; i += 1) {
    const path = join(out, `ccipra-v323r0-f${i + 1}.txt`);
    const text = `${header}\r\n${rows.slice(i * part, (i + 1) * part).join('\r\n')}\r\n`;
    writeFileSync(path, text);
    bytes += text.length;
    files.push(path);
  }
  return { files, bytes };
}

function makeClaims(): { claim: Claim; coded: CodedEncounter }[] {
  const diagnoses = ['E11.9', 'I10', 'J06.9', 'M17.11', 'H61.21', 'E78.5', 'K21.9', 'R05.9'];
  const claims = [];
  for (let i = 0; i < DISTINCT_CLAIMS; i += 1) {
    const medicare = random() < 0.4;
    const lineCount = 1 + Math.floor(random() * 4);
    const dx = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(diagnoses)))];
    const lines = Array.from({ length: lineCount }, (_, j) => ({
      code: random() < 0.7 ? pick(CLAIM_CODES) : pick(CLAIM_CODES_MORE),
      system: 'CPT' as const,
      modifiers: random() < 0.15 ? [pick(['25', '59', 'XS', 'RT'])] : [],
      units: 1 + (random() < 0.1 ? 1 : 0),
      chargeCents: 5_000 + Math.floor(random() * 20_000),
      diagnosisPointers: [1 + (j % dx.length)],
      serviceDate: DOS,
      confidence: 1,
      evidence: [],
      codeSetVersion: 'bench',
      controlNumber: `CFBENCH${i}-${j + 1}`,
    }));
    const source = { key: `bench-${i}.json`, format: 'claimflow-json' as const, index: 0 };
    const patient = { birthDate: '1958-04-12', sex: random() < 0.5 ? ('F' as const) : ('M' as const) };
    const claim: Claim = {
      id: `CFBENCH${String(i).padStart(13, '0')}`,
      encounter: source,
      frequency: '1',
      status: 'CODED',
      owner: 'NONE',
      patient,
      subscriber: { memberId: medicare ? '1EG4TE5MK73' : `SBX${220_000_000 + i}` },
      payer: { payerId: medicare ? 'MEDICR' : 'SANDBOX1' },
      billingProvider: {
        npi: '1987654328',
        tin: '841234567',
        address: { lines: ['400 Maple Grove Rd'], city: 'Springfield', state: 'IL', postalCode: '627011500' },
      },
      renderingProvider: { npi: '1456789019' },
      placeOfService: '11',
      diagnoses: dx.map((code) => ({ code, confidence: 1, evidence: [], codeSetVersion: 'bench' })),
      lines,
      totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
      findings: [],
      version: 1,
      documentId: 'doc-bench',
      practiceId: 'bench',
      lastEvent: { version: 1, at: '2026-01-01T00:00:00.000Z', to: 'CODED', actor: 'bench' },
    };
    const coded: CodedEncounter = {
      encounter: { source, patient, diagnoses: [], procedures: [], dateOfService: DOS },
      diagnoses: claim.diagnoses,
      lines,
      missing: [],
      review: { required: false, reasons: [] },
    };
    claims.push({ claim, coded });
  }
  return claims;
}

interface Rate {
  perCpuSecond: number;
  perWallSecond: number;
  errorShare: number;
}

/**
 * One measured round of scrubbing. `cold`: every claim gets code sets of its own identity, so the memoized lookups
 * (core/scrubbing/lookup-cache.ts) start empty for each claim and every lookup searches the tables.
 */
async function round(
  ports: ScrubPorts,
  claims: { claim: Claim; coded: CodedEncounter }[],
  cold: boolean,
): Promise<Rate> {
  const portsFor = () => (cold ? { ...ports, codeSets: { ...ports.codeSets } } : ports);
  globalThis.gc?.();
  let scrubbed = 0;
  let errors = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() - started < ROUND_MS) {
    for (const { claim, coded } of claims) {
      const { findings } = await scrubClaim(claim, coded, portsFor());
      if (findings.some((f) => f.severity === 'error')) errors += 1;
    }
    scrubbed += claims.length;
  }
  const cpu = process.cpuUsage(cpuStarted);
  return {
    perCpuSecond: scrubbed / ((cpu.user + cpu.system) / 1e6),
    perWallSecond: scrubbed / ((performance.now() - started) / 1000),
    errorShare: errors / scrubbed,
  };
}

const medianBy = (rates: Rate[]): Rate =>
  [...rates].sort((x, y) => x.perCpuSecond - y.perCpuSecond)[rates.length >> 1]!;

function report(label: string, rate: Rate): void {
  process.stdout.write(
    `${label}: ${count(rate.perCpuSecond)} claims per CPU-second (${count(rate.perWallSecond)}/s wall; ${Math.round(100 * rate.errorShare)}% of claims with an error)\n`,
  );
}

function ptpLookups(label: string, codeSets: CodeSets): number {
  const pairs = Array.from({ length: 10_000 }, () => [pick(CLAIM_CODES), pick(CLAIM_CODES_MORE)] as const);
  for (const [a, b] of pairs) codeSets.ncci.ptp(a, b, DOS); // warm-up: the table is read on first use
  let found = 0;
  let n = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  while (performance.now() - started < 1_000) {
    for (const [a, b] of pairs) if (codeSets.ncci.ptp(a, b, DOS)) found += 1;
    n += pairs.length;
  }
  const cpu = process.cpuUsage(cpuStarted);
  const perCpuSecond = n / ((cpu.user + cpu.system) / 1e6);
  process.stdout.write(
    `${label}: ${count(perCpuSecond)} PTP lookups per CPU-second, unmemoized (${Math.round((100 * found) / n)}% found)\n`,
  );
  return perCpuSecond;
}

/** Imports the generated parts with the real importer (a function, so the compiled text is garbage afterwards). */
function importTable(files: string[]): void {
  const started = performance.now();
  const releases = compileReleaseFiles(
    files.map((f) => ({ name: f, bytes: readFileSync(f) })),
    { compiledAt: new Date().toISOString() },
  );
  writeReleasesAtomically(join(out, 'bundle'), releases);
  const what = releases.map((r) => `${r.manifest.id} ${JSON.stringify(r.manifest.counts)}`).join('; ');
  process.stdout.write(
    `imported with the codesets importer: ${what} in ${Math.round(performance.now() - started)} ms\n`,
  );
}

try {
  const generated = performance.now();
  const { files, bytes } = writePtpTable();
  process.stdout.write(
    `generated PTP table: ${PAIRS.toLocaleString('en-US')} pairs in 4 CMS-layout parts, ${mb(bytes)} (${Math.round(performance.now() - generated)} ms)\n`,
  );
  importTable(files);
  const fullTable = createCodeSets([...starterReleaseSources(), ...readBundleDirectory(join(out, 'bundle'))]);
  const starterOnly = createCodeSets(starterReleaseSources());
  const config = parsePracticeConfig(
    JSON.parse(readFileSync(join(repoRoot, 'config', 'practice.sample.json'), 'utf8')),
    'sample',
  );
  const base = {
    config,
    payerRules: loadPayerRulesDirectory(join(repoRoot, 'config', 'payer-rules')),
    today: '2026-11-23',
    priorClaims: new InMemoryPriorClaims(),
  };
  const claims = makeClaims();
  const lines = claims.reduce((sum, c) => sum + c.claim.lines.length, 0);
  process.stdout.write(
    `claims: ${DISTINCT_CLAIMS} distinct, ${(lines / DISTINCT_CLAIMS).toFixed(2)} lines each on average, one core\n`,
  );

  const full = ptpLookups('full table (ptp.tsv)', fullTable);
  const small = ptpLookups('starter table (6 rows)', starterOnly);
  process.stdout.write(`lookup ratio full/starter: ${(full / small).toFixed(2)}\n`);
  const variants = [
    { label: 'scrub, full PTP table, memoized lookups', codeSets: fullTable, cold: false },
    { label: 'scrub, starter PTP table, memoized lookups', codeSets: starterOnly, cold: false },
    { label: 'scrub, full PTP table, every lookup searched', codeSets: fullTable, cold: true },
    { label: 'scrub, starter PTP table, every lookup searched', codeSets: starterOnly, cold: true },
  ];
  for (const v of variants) await round({ ...base, codeSets: v.codeSets }, claims, v.cold); // warm-up: JIT
  // Rounds alternate between the variants, so drifting load on the machine touches each alike; medians are reported.
  const rates: Rate[][] = variants.map(() => []);
  for (let r = 0; r < ROUNDS; r += 1)
    for (const [i, v] of variants.entries())
      rates[i]!.push(await round({ ...base, codeSets: v.codeSets }, claims, v.cold));
  const [withFull, withStarter, coldFull, coldStarter] = rates.map(medianBy) as [Rate, Rate, Rate, Rate];
  for (const [i, v] of variants.entries()) report(`${v.label} (median of ${ROUNDS})`, medianBy(rates[i]!));
  process.stdout.write(
    `throughput ratio full/starter: memoized ${(withFull.perCpuSecond / withStarter.perCpuSecond).toFixed(2)}, searched ${(coldFull.perCpuSecond / coldStarter.perCpuSecond).toFixed(2)}\n`,
  );
  process.stdout.write(
    `goal >= 20,000 claims per CPU-second with the full table (memoized lookups): ${withFull.perCpuSecond >= 20_000 ? 'met' : 'NOT met'}\n`,
  );
  process.stdout.write(`rss after run: ${mb(process.memoryUsage().rss)}\n`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
