/**
 * Our strict verdict on every shared X12 sample, side by side with the independent validator's (pyx12, through
 * ../shared/tools/x12-validate). "Valid" for us means: strict reading accepts the file, it has no TR3 issues and
 * every 835 in it balances; anything else is "invalid". Each file's expected pair of verdicts is data, with the
 * reason in words, so that a regression on either side (a rule we lose, a file the validator starts to read) shows
 * up as a changed row. Where pyx12 gives no verdict (no map for the guide, or it fails on the file), the row says why
 * and only our verdict is pinned.
 *
 * Skips with a message when ../shared/data, the validator or python3 is absent (CLAIMFLOW_SHARED_DATA and
 * CLAIMFLOW_X12_VALIDATE override the paths).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { readTypedX12 } from '#core/x12/typed';
import { X12Error } from '#core/x12/x12-error';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { describeWithValidator, VALIDATOR } from '../sandbox/independent-validator.ts';

type Verdict = 'valid' | 'invalid';
type ValidatorVerdict = Verdict | 'no verdict';

interface Expected {
  ours: Verdict;
  pyx12: ValidatorVerdict;
  /** Why each side says what it says; for a disagreement, why it is expected. */
  reason: string;
}

const NO_270_271_MAP = 'pyx12 ships no 005010X279 (270/271) map';
const NO_X222_MAP = 'pyx12 has maps for 005010X222A1 only, not the X222 / X222A2 this file declares';

const EXPECTED: Record<string, Expected> = {
  '270_271/imsweb_x270.txt': { ours: 'invalid', pyx12: 'invalid', reason: 'both: SE01 15 vs 14, SE02 vs ST02, IEA02' },
  '270_271/imsweb_x271.txt': {
    ours: 'invalid',
    pyx12: 'no verdict',
    reason: 'ours: SE01 22 vs 18; pyx12 fails inside its error handler on this 4010/5010 mix',
  },
  '270_271/linuxforhealth_subscriber-health-benefit-check.270': {
    ours: 'valid',
    pyx12: 'no verdict',
    reason: NO_270_271_MAP,
  },
  '270_271/linuxforhealth_subscriber-health-benefit-check.271': {
    ours: 'valid',
    pyx12: 'no verdict',
    reason: NO_270_271_MAP,
  },
  '270_271/oopfactory_270_Example1_IG.txt': {
    ours: 'valid',
    pyx12: 'no verdict',
    reason: `${NO_270_271_MAP} (and the ISA says 00401 while ST03 is 005010X279)`,
  },
  '270_271/oopfactory_271_Example_3_2_2.txt': {
    ours: 'invalid',
    pyx12: 'no verdict',
    reason: `ours: ISA11 repetition separator equals ISA16; ${NO_270_271_MAP}`,
  },
  '277/imsweb_x12_277_x212.txt': {
    ours: 'invalid',
    pyx12: 'no verdict',
    reason: 'ours: IEA02 vs ISA13; pyx12 finds no map for GS01 HN with 005010X212 (its X212 map is filed under HI)',
  },
  '277ca/imsweb_x12_277CA_accepted.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason:
      'both: the billing provider level (2200C) has no STC, and the date 10010101 (ours: year outside 1900-2099; pyx12: before 1800)',
  },
  '277ca/imsweb_x12_277CA_rejected.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: the billing provider level (2200C) has no STC',
  },
  '277ca/oopfactory_277CA_FromBogeyone.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: truncated, no SE/GE/IEA (pyx12 also objects to the indentation we accept)',
  },
  '277ca/oopfactory_277CA_FromLatitude81uk.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'ours: IEA02 vs ISA13; pyx12 does not recognise the ISA at all',
  },
  '835/databricks_835_plb_sample.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: SE02 vs ST02, IEA02, N1*PE loops inside claims',
  },
  '835/databricks_835_sample.txt': { ours: 'invalid', pyx12: 'invalid', reason: 'both: SE01 counts, IEA02' },
  '835/keironstoddart_blue_cross_nc_sample.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: no ISA/GS envelope; ours also: SVC without SVC02',
  },
  '835/keironstoddart_emedny_sample.txt': { ours: 'valid', pyx12: 'valid', reason: 'both read it clean' },
  '835/keironstoddart_united_healthcare_legacy_sample.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: N402 "NP" is not a state code',
  },
  '835/linuxforhealth_medicare-part-a.835': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: no PER*BL in the payer loop; pyx12 also: TS309/TS311 are not used in 5010',
  },
  '835/linuxforhealth_secondary-payment.835': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: BPR16 missing (the date sits in BPR15); no PER*BL; SVC with ">" though ISA16 is ":"',
  },
  '835/oopfactory_835_Example1.txt': {
    ours: 'invalid',
    pyx12: 'no verdict',
    reason: 'ours: last CLP lacks CLP03/CLP04; pyx12 has no map for an 00401 ISA with GS08 "5010"',
  },
  '835/oopfactory_835_ExampleFromNth.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason:
      'both: SVC01 qualifier "XX"; ours also: no set balances (amounts de-identified to 9s); pyx12 also: indentation',
  },
  '835/pyx12_835_mult_loops.txt': { ours: 'valid', pyx12: 'valid', reason: "both read it clean (pyx12's own sample)" },
  '837i/databricks_CC_837I_EDI.txt': { ours: 'invalid', pyx12: 'invalid', reason: 'both: payer N402 "NA"' },
  '837i/imsweb_x223-test.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: SE01 25 vs 48; pyx12 also: ZIP length, CLM05-2, DTP02',
  },
  '837p/databricks_837p.txt': { ours: 'valid', pyx12: 'valid', reason: 'both read it clean' },
  '837p/databricks_CC_837P_EDI.txt': { ours: 'invalid', pyx12: 'invalid', reason: 'both: payer N402 "NA"' },
  '837p/databricks_CHPW_Claimdata.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: HL numbering starts at 63/49/75/79 instead of 1, parents follow',
  },
  '837p/databricks_Molina_Mock_UP_837P_File.txt': { ours: 'invalid', pyx12: 'invalid', reason: 'both: IEA02 vs ISA13' },
  '837p/imsweb_x12_complex.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: SE01, GE01, HL numbering; pyx12 also: HI composites, N402 "11"',
  },
  '837p/imsweb_x12_many_claims.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: SE01 25 vs 11486, HL numbering; pyx12 also: HI composites',
  },
  '837p/imsweb_x12_valid.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: SE01 25 vs 34 (despite its name); pyx12 also: HI composites, HL numbering',
  },
  '837p/linuxforhealth_demo.ambulance.example5.837': { ours: 'valid', pyx12: 'no verdict', reason: NO_X222_MAP },
  '837p/linuxforhealth_demo.cob.example3.A.837': { ours: 'valid', pyx12: 'no verdict', reason: NO_X222_MAP },
  '837p/linuxforhealth_demo.drug.example10.2.837': { ours: 'valid', pyx12: 'no verdict', reason: NO_X222_MAP },
  '837p/oopfactory_Example1_HealthInsurance.txt': { ours: 'valid', pyx12: 'no verdict', reason: NO_X222_MAP },
  '837p/oopfactory_Example3_COB.txt': { ours: 'valid', pyx12: 'no verdict', reason: NO_X222_MAP },
  '837p/oopfactory_MedicaidExample.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: claims without HI, SV101 qualifier "XX"; pyx12 also: header segments out of place',
  },
  '999/imsweb_x12_999_accepted.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: IEA02 vs ISA13; pyx12 also: GS05',
  },
  '999/imsweb_x12_999_rejected.txt': { ours: 'valid', pyx12: 'valid', reason: 'both read it clean' },
  '999/oopfactory_999_DHS_Wisconsin_Sample.txt': {
    ours: 'invalid',
    pyx12: 'invalid',
    reason: 'both: AK202 "002" shorter than an ST02; pyx12 also: CTX06 and CTX repeat',
  },
  '999/pyx12_834_lui_id_5010.999.txt': {
    ours: 'valid',
    pyx12: 'valid',
    reason: "both read it clean (pyx12's own sample)",
  },
};

function sampleFiles(): string[] {
  const root = sharedData('x12');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
    );
  return walk(root).sort();
}

/** Our verdict: strict read, no TR3 issues, every 835 balanced. */
function ourVerdict(file: string): { verdict: Verdict; detail: string } {
  try {
    const typed = readTypedX12(readFileSync(sharedData('x12', file), 'utf8'));
    const unbalanced = typed.transactions.filter((t) => t.kind === '835' && !t.remittance.balance.balanced).length;
    const problems = [...new Set(typed.tr3Issues.map((issue) => issue.code))];
    if (unbalanced > 0) problems.push(`${unbalanced} unbalanced 835`);
    if (!typed.document.hasEnvelope) problems.push('no envelope');
    return { verdict: problems.length === 0 ? 'valid' : 'invalid', detail: problems.join(', ') };
  } catch (error) {
    if (error instanceof X12Error) return { verdict: 'invalid', detail: error.code };
    throw error;
  }
}

/** pyx12's verdict per file, from one run over all of them ("path: valid|INVALID|NO VERDICT (...)"). */
function validatorVerdicts(files: string[]): Map<string, ValidatorVerdict> {
  let report: string;
  try {
    report = execFileSync(VALIDATOR, files, {
      cwd: sharedData('x12'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // Exit 1 means some file is invalid; the report is still on stdout.
    report = (error as { stdout?: string }).stdout ?? '';
  }
  const verdicts = new Map<string, ValidatorVerdict>();
  for (const line of report.split('\n')) {
    const match = /^(\S.*?): (valid|INVALID|NO VERDICT)\b/.exec(line);
    if (match?.[1] && match[2]) {
      verdicts.set(match[1], match[2] === 'valid' ? 'valid' : match[2] === 'INVALID' ? 'invalid' : 'no verdict');
    }
  }
  return verdicts;
}

describeWithSharedData('strict verdicts beside the independent validator (pyx12)', ['x12'], () => {
  describeWithValidator('every shared X12 sample', () => {
    const files = sampleFiles();
    let pyx12 = new Map<string, ValidatorVerdict>();

    beforeAll(() => {
      pyx12 = validatorVerdicts(files);
    }, 300_000);

    it('the expected-verdict table covers exactly the shared samples', () => {
      expect(files).toEqual(Object.keys(EXPECTED).sort());
    });

    it.each(Object.entries(EXPECTED))('%s', (file, expected) => {
      const ours = ourVerdict(file);

      expect({ ours: ours.verdict, pyx12: pyx12.get(file) }, `${expected.reason} [ours: ${ours.detail}]`).toEqual({
        ours: expected.ours,
        pyx12: expected.pyx12,
      });
    });

    it('agrees with pyx12 on every file pyx12 gives a verdict on', () => {
      const judged = files.filter((file) => pyx12.get(file) !== 'no verdict');
      const disagreements = judged.filter((file) => pyx12.get(file) !== ourVerdict(file).verdict);

      expect(judged.length).toBeGreaterThanOrEqual(28);
      expect(disagreements).toEqual([]);
    });
  });
});
