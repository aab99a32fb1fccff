/**
 * Every official X12 sample under shared/data/x12 is either read into the expected structure or rejected with a
 * precise reason. Strict reading pins the outcome; lenient reading pins the envelope issues it collects instead, and
 * every 835 that can be typed is balanced with its result pinned. Why each rejected sample is invalid is stated in
 * the `why` column (checked against the file by hand).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { TypedTransaction } from '#core/x12/typed';
import { readTypedX12 } from '#core/x12/typed';
import { X12Error } from '#core/x12/x12-error';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

type StrictOutcome =
  /** Read; `tr3` lists the TR3 issue codes found in its content (none when absent), with `why` in words. */
  | { sets: string[]; segments: number; tr3?: string[]; why?: string }
  | { error: string; segment: number; segmentId: string; why: string };

interface Sample {
  file: string;
  strict: StrictOutcome;
  /** Issue codes collected by a lenient read (for samples strict reading rejects at the envelope). */
  lenientIssues?: string[];
}

const samples: Sample[] = [
  {
    file: '270_271/imsweb_x270.txt',
    strict: { error: 'SE01_COUNT', segment: 16, segmentId: 'SE', why: 'SE01 says 15, ST..SE holds 14' },
    lenientIssues: ['SE01_COUNT', 'SE02_CONTROL', 'IEA02_CONTROL'],
  },
  {
    file: '270_271/imsweb_x271.txt',
    strict: { error: 'SE01_COUNT', segment: 20, segmentId: 'SE', why: 'SE01 says 22, ST..SE holds 18' },
    lenientIssues: ['SE01_COUNT', 'IEA02_CONTROL'],
  },
  { file: '270_271/linuxforhealth_subscriber-health-benefit-check.270', strict: { sets: ['270'], segments: 17 } },
  { file: '270_271/linuxforhealth_subscriber-health-benefit-check.271', strict: { sets: ['271'], segments: 26 } },
  { file: '270_271/oopfactory_270_Example1_IG.txt', strict: { sets: ['270'], segments: 17 } },
  {
    file: '270_271/oopfactory_271_Example_3_2_2.txt',
    strict: { error: 'ISA11_REPETITION', segment: 1, segmentId: 'ISA', why: 'ISA11 and ISA16 are both "^"' },
    lenientIssues: ['ISA11_REPETITION'],
  },
  {
    file: '277/imsweb_x12_277_x212.txt',
    strict: { error: 'IEA02_CONTROL', segment: 111, segmentId: 'IEA', why: 'IEA02 842928883 vs ISA13 000000001' },
    lenientIssues: ['IEA02_CONTROL'],
  },
  {
    file: '277ca/imsweb_x12_277CA_accepted.txt',
    strict: {
      sets: ['277CA'],
      segments: 27,
      tr3: ['STC_MISSING', 'DATE_IMPLAUSIBLE'],
      why: 'the billing provider level (HL*3*2*19) has no STC; a service date DTP*472*D8*10010101 (year 1001)',
    },
  },
  {
    file: '277ca/imsweb_x12_277CA_rejected.txt',
    strict: {
      sets: ['277CA'],
      segments: 28,
      tr3: ['STC_MISSING'],
      why: 'the billing provider level (HL*3*2*19) has no STC',
    },
  },
  {
    file: '277ca/oopfactory_277CA_FromBogeyone.txt',
    strict: { error: 'SE_MISSING', segment: 11, segmentId: '', why: 'file is truncated after the second HL' },
    lenientIssues: ['SE_MISSING', 'GE_MISSING', 'IEA_MISSING'],
  },
  {
    file: '277ca/oopfactory_277CA_FromLatitude81uk.txt',
    strict: { error: 'IEA02_CONTROL', segment: 31, segmentId: 'IEA', why: 'IEA02 000000002 vs ISA13 43434343' },
    lenientIssues: ['IEA02_CONTROL'],
  },
  {
    file: '835/databricks_835_plb_sample.txt',
    strict: { error: 'SE02_CONTROL', segment: 48, segmentId: 'SE', why: 'SE02 0003 vs ST02 0001' },
    lenientIssues: ['SE02_CONTROL', 'IEA02_CONTROL'],
  },
  {
    file: '835/databricks_835_sample.txt',
    strict: { error: 'SE01_COUNT', segment: 43, segmentId: 'SE', why: 'second set: SE01 says 29, ST..SE holds 19' },
    lenientIssues: ['SE01_COUNT', 'SE01_COUNT', 'IEA02_CONTROL'],
  },
  {
    file: '835/keironstoddart_blue_cross_nc_sample.txt',
    strict: {
      error: 'REQUIRED_ELEMENT',
      segment: 28,
      segmentId: 'SVC',
      why: 'no envelope (read, flagged); "SVC*HC:59426******742*742**1" has no SVC02; also SE01 33 vs 32',
    },
  },
  { file: '835/keironstoddart_emedny_sample.txt', strict: { sets: ['835'], segments: 69 } },
  {
    file: '835/keironstoddart_united_healthcare_legacy_sample.txt',
    strict: { sets: ['835'], segments: 65, tr3: ['N402_STATE'], why: 'payee N4 has state "NP"' },
  },
  {
    file: '835/linuxforhealth_medicare-part-a.835',
    strict: { sets: ['835'], segments: 32, tr3: ['PER_BL_MISSING'], why: 'payer loop has no PER*BL' },
  },
  {
    file: '835/linuxforhealth_secondary-payment.835',
    strict: {
      error: 'REQUIRED_ELEMENT',
      segment: 4,
      segmentId: 'BPR',
      why: 'BPR date sits in BPR15, BPR16 is empty (one "*" short)',
    },
  },
  {
    file: '835/oopfactory_835_Example1.txt',
    strict: {
      error: 'REQUIRED_ELEMENT',
      segment: 98,
      segmentId: 'CLP',
      why: 'last "CLP*090909*22" has no CLP03/CLP04',
    },
  },
  {
    file: '835/oopfactory_835_ExampleFromNth.txt',
    strict: {
      sets: ['835', '835', '835'],
      segments: 789,
      tr3: Array.from({ length: 84 }, () => 'PROCEDURE_QUALIFIER'),
      why: '84 of its 91 SVC use the qualifier "XX" (de-identified), not one of the 835 SVC01-1 codes',
    },
  },
  { file: '835/pyx12_835_mult_loops.txt', strict: { sets: ['835'], segments: 35 } },
  {
    file: '837i/databricks_CC_837I_EDI.txt',
    strict: { sets: ['837'], segments: 66, tr3: ['N402_STATE'], why: 'payer N4 has state "NA"' },
  },
  {
    file: '837i/imsweb_x223-test.txt',
    strict: { error: 'SE01_COUNT', segment: 50, segmentId: 'SE', why: 'SE01 says 25, ST..SE holds 48' },
    lenientIssues: ['SE01_COUNT'],
  },
  { file: '837p/databricks_837p.txt', strict: { sets: ['837'], segments: 45 } },
  {
    file: '837p/databricks_CC_837P_EDI.txt',
    strict: { sets: ['837'], segments: 34, tr3: ['N402_STATE'], why: 'payer N4 has state "NA"' },
  },
  {
    file: '837p/databricks_CHPW_Claimdata.txt',
    strict: {
      sets: ['837', '837', '837', '837', '837'],
      segments: 175,
      tr3: ['HL01_SEQUENCE', 'HL01_SEQUENCE', 'HL01_SEQUENCE', 'HL01_SEQUENCE'],
      why: 'four sets number their HLs from 63, 49, 75 and 79 instead of 1',
    },
  },
  {
    file: '837p/databricks_Molina_Mock_UP_837P_File.txt',
    strict: { error: 'IEA02_CONTROL', segment: 142, segmentId: 'IEA', why: 'IEA02 000001770 vs ISA13 000001508' },
    lenientIssues: ['IEA02_CONTROL'],
  },
  {
    file: '837p/imsweb_x12_complex.txt',
    strict: { error: 'SE01_COUNT', segment: 149, segmentId: 'SE', why: 'SE01 says 25, ST..SE holds 147' },
    lenientIssues: ['SE01_COUNT', 'SE01_COUNT', 'GE01_COUNT'],
  },
  {
    file: '837p/imsweb_x12_many_claims.txt',
    strict: { error: 'SE01_COUNT', segment: 11488, segmentId: 'SE', why: 'SE01 says 25, ST..SE holds 11486' },
    lenientIssues: ['SE01_COUNT'],
  },
  {
    file: '837p/imsweb_x12_valid.txt',
    strict: { error: 'SE01_COUNT', segment: 36, segmentId: 'SE', why: 'SE01 says 25, ST..SE holds 34' },
    lenientIssues: ['SE01_COUNT'],
  },
  { file: '837p/linuxforhealth_demo.ambulance.example5.837', strict: { sets: ['837'], segments: 56 } },
  { file: '837p/linuxforhealth_demo.cob.example3.A.837', strict: { sets: ['837'], segments: 55 } },
  { file: '837p/linuxforhealth_demo.drug.example10.2.837', strict: { sets: ['837'], segments: 69 } },
  { file: '837p/oopfactory_Example1_HealthInsurance.txt', strict: { sets: ['837'], segments: 46 } },
  { file: '837p/oopfactory_Example3_COB.txt', strict: { sets: ['837'], segments: 57 } },
  {
    file: '837p/oopfactory_MedicaidExample.txt',
    strict: {
      sets: ['837'],
      segments: 97,
      tr3: Array.from({ length: 5 }, () => ['SEGMENT_MISSING', 'PROCEDURE_QUALIFIER', 'PROCEDURE_QUALIFIER']).flat(),
      why: 'five claims have no HI (diagnoses); each of their two lines has SV101-1 "XX"',
    },
  },
  {
    file: '999/imsweb_x12_999_accepted.txt',
    strict: { error: 'IEA02_CONTROL', segment: 10, segmentId: 'IEA', why: 'IEA02 000000001 vs ISA13 000000286' },
    lenientIssues: ['IEA02_CONTROL'],
  },
  { file: '999/imsweb_x12_999_rejected.txt', strict: { sets: ['999'], segments: 11 } },
  {
    file: '999/oopfactory_999_DHS_Wisconsin_Sample.txt',
    strict: { sets: ['999'], segments: 20, tr3: ['CONTROL_NUMBER_LENGTH'], why: 'AK202 "002" is shorter than an ST02' },
  },
  { file: '999/pyx12_834_lui_id_5010.999.txt', strict: { sets: ['999', '999', '999', '999'], segments: 30 } },
];

/** Balance of each 835 transaction: claims typed, and imbalance differences (cents) counted per level. */
interface BalanceExpectation {
  file: string;
  lenient: boolean;
  transactions: {
    claims: number;
    lines: number;
    balanced: boolean;
    imbalancesByLevel?: Record<string, number>;
    transactionDifference?: number;
  }[];
}

const balances: BalanceExpectation[] = [
  {
    file: '835/databricks_835_plb_sample.txt',
    lenient: true,
    transactions: [
      { claims: 3, lines: 0, balanced: false, imbalancesByLevel: { transaction: 1 }, transactionDifference: -1400 },
    ],
  },
  {
    file: '835/databricks_835_sample.txt',
    lenient: true,
    transactions: [
      { claims: 1, lines: 0, balanced: true },
      { claims: 1, lines: 0, balanced: true },
      { claims: 1, lines: 0, balanced: true },
    ],
  },
  {
    file: '835/keironstoddart_emedny_sample.txt',
    lenient: false,
    transactions: [{ claims: 3, lines: 10, balanced: true }],
  },
  {
    file: '835/keironstoddart_united_healthcare_legacy_sample.txt',
    lenient: false,
    transactions: [{ claims: 2, lines: 5, balanced: true }],
  },
  {
    file: '835/linuxforhealth_medicare-part-a.835',
    lenient: false,
    transactions: [{ claims: 2, lines: 0, balanced: true }],
  },
  { file: '835/pyx12_835_mult_loops.txt', lenient: false, transactions: [{ claims: 1, lines: 3, balanced: true }] },
  {
    // De-identified by overwriting amounts with 9s, so the arithmetic no longer holds.
    file: '835/oopfactory_835_ExampleFromNth.txt',
    lenient: false,
    transactions: [
      {
        claims: 19,
        lines: 38,
        balanced: false,
        imbalancesByLevel: { claim: 17, line: 8, transaction: 1 },
        transactionDifference: 22393,
      },
      {
        claims: 23,
        lines: 24,
        balanced: false,
        imbalancesByLevel: { claim: 23, line: 22, transaction: 1 },
        transactionDifference: 688890,
      },
      {
        claims: 14,
        lines: 29,
        balanced: false,
        imbalancesByLevel: { claim: 11, line: 20, transaction: 1 },
        transactionDifference: -295776,
      },
    ],
  },
];

function readSample(file: string): string {
  return readFileSync(sharedData('x12', file), 'utf8');
}

function kindOf(transaction: TypedTransaction): string {
  return transaction.kind === 'generic' ? transaction.setId : transaction.kind;
}

describeWithSharedData('official X12 samples', ['x12'], () => {
  it('covers all 40 sample files', () => {
    expect(samples).toHaveLength(40);
  });

  it.each(samples)('$file: strict read', ({ file, strict }) => {
    const text = readSample(file);

    if ('sets' in strict) {
      const typed = readTypedX12(text);
      expect(typed.transactions.map(kindOf)).toEqual(strict.sets);
      expect(typed.document.segmentCount).toBe(strict.segments);
      expect(typed.tr3Issues.map((issue) => issue.code)).toEqual(strict.tr3 ?? []);
    } else {
      const error = catchError(() => readTypedX12(text));
      expect(error).toBeInstanceOf(X12Error);
      expect({ code: error.code, segment: error.location.position, segmentId: error.location.segmentId }).toEqual({
        code: strict.error,
        segment: strict.segment,
        segmentId: strict.segmentId,
      });
    }
  });

  it.each(samples.filter((sample) => sample.lenientIssues))(
    '$file: lenient read collects $lenientIssues',
    ({ file, lenientIssues }) => {
      const typed = readTypedX12(readSample(file), { lenient: true });

      expect(typed.document.issues.map((issue) => issue.code)).toEqual(lenientIssues);
    },
  );

  it.each(balances)('$file: 835 typed and balanced', ({ file, lenient, transactions }) => {
    const typed = readTypedX12(readSample(file), { lenient });

    const actual = typed.transactions.map((transaction) => {
      if (transaction.kind !== '835') throw new Error(`expected an 835, got ${transaction.kind}`);
      const { remittance } = transaction;
      const byLevel: Record<string, number> = {};
      for (const imbalance of remittance.balance.imbalances)
        byLevel[imbalance.level] = (byLevel[imbalance.level] ?? 0) + 1;
      const transactionImbalance = remittance.balance.imbalances.find((imbalance) => imbalance.level === 'transaction');
      return {
        claims: remittance.claims.length,
        lines: remittance.claims.reduce((count, claim) => count + claim.lines.length, 0),
        balanced: remittance.balance.balanced,
        ...(remittance.balance.balanced ? {} : { imbalancesByLevel: byLevel }),
        ...(transactionImbalance ? { transactionDifference: transactionImbalance.difference } : {}),
      };
    });
    expect(actual).toEqual(transactions);
  });

  it('keironstoddart_blue_cross_nc_sample: read without envelope, then rejected at its malformed SVC', () => {
    const text = readSample('835/keironstoddart_blue_cross_nc_sample.txt');

    const error = catchError(() => readTypedX12(text, { lenient: true }));

    // "SVC*HC:59426******742*742**1" shifts the charge out of SVC02.
    expect(error.message).toBe('segment 28 (SVC): SVC02 (line item charge) is required, found ""');
  });

  it('keironstoddart_blue_cross_nc_sample: flagged as having no envelope', () => {
    const typed = readTypedX12(
      readSample('835/keironstoddart_blue_cross_nc_sample.txt').replace(
        'SVC*HC:59426******742*742**1',
        'SVC*HC:59426*742*742**1',
      ),
      { lenient: true },
    );

    expect(typed.document.hasEnvelope).toBe(false);
    expect(typed.document.bareTransactions).toHaveLength(1);
  });

  it('linuxforhealth_secondary-payment: the error names the element and what was expected', () => {
    const error = catchError(() => readTypedX12(readSample('835/linuxforhealth_secondary-payment.835')));

    expect(error.message).toBe('segment 4 (BPR): BPR16 (check issue or EFT effective date) is required, found ""');
  });
});

function catchError(action: () => unknown): X12Error {
  try {
    action();
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('expected an X12Error, but reading succeeded');
}
