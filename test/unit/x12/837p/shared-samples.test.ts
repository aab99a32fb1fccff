/**
 * The public 837P samples read back into claims. Files with envelope faults are pinned twice: the strict read
 * names the fault, the lenient read gets the claims. Notes on the samples:
 * - imsweb_x12_*: SE01 says 25 whatever the length; HL ids repeat (HL*2*3...), HL04 1 with no child; claims sit
 *   under the subscriber with a blank SBR02; `HI*BK*8901*BF*87200*BF:5559` splits two composites into four
 *   elements, so only 5559 is a diagnosis (ICD-9-CM).
 * - databricks_CHPW: each of its 5 transactions numbers HL01 from 63, 49... instead of 1.
 * - databricks_Molina: IEA02 does not match ISA13; anesthesia lines count minutes (SV103 MJ).
 * - oopfactory_MedicaidExample: masked values (XX qualifiers, 99>X>9 place of service) and no HI at all.
 * - oopfactory_* use guide 005010X222, linuxforhealth_* 005010X222A2: read like X222A1 (the loops we read are the
 *   same), and the transaction reports the guide.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { type Read837PResult, read837P } from '#core/x12/837p/reader-837p';
import { X12Error } from '#core/x12/reader';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

const text = (name: string) => readFileSync(sharedData('x12', '837p', name), 'utf8');

function issueCounts(result: Read837PResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const issue of result.issues) counts[issue.code] = (counts[issue.code] ?? 0) + 1;
  return counts;
}

function strictFailure(name: string): string | undefined {
  try {
    read837P(text(name));
    return undefined;
  } catch (error) {
    if (error instanceof X12Error) return error.code;
    throw error;
  }
}

const lineCount = (r: Read837PResult) => r.claims.reduce((n, c) => n + c.lines.length, 0);

interface Expectation {
  file: string;
  strict: string | undefined;
  guides: string[];
  claims: number;
  lines: number;
  issues: Record<string, number>;
}

const expectations: Expectation[] = [
  { file: 'databricks_837p.txt', strict: undefined, guides: ['005010X222A1'], claims: 2, lines: 2, issues: {} },
  { file: 'databricks_CC_837P_EDI.txt', strict: undefined, guides: ['005010X222A1'], claims: 1, lines: 2, issues: {} },
  {
    file: 'databricks_CHPW_Claimdata.txt',
    strict: undefined,
    guides: Array(5).fill('005010X222A1'),
    claims: 5,
    lines: 5,
    issues: { HL01_SEQUENCE: 4 },
  },
  {
    file: 'databricks_Molina_Mock_UP_837P_File.txt',
    strict: 'IEA02_CONTROL',
    guides: ['005010X222A1'],
    claims: 4,
    lines: 5,
    issues: { IEA02_CONTROL: 1, SV103_UNIT: 4 },
  },
  {
    file: 'imsweb_x12_valid.txt',
    strict: 'SE01_COUNT',
    guides: ['005010X222A1'],
    claims: 2,
    lines: 2,
    issues: {
      SE01_COUNT: 1,
      PATIENT_RELATIONSHIP: 2,
      HI_COMPOSITE: 8,
      HL01_SEQUENCE: 1,
      HL02_PARENT: 1,
      HL04_CHILD: 2,
    },
  },
  {
    file: 'imsweb_x12_complex.txt',
    strict: 'SE01_COUNT',
    guides: ['005010X222A1', '005010X222A1'],
    claims: 6,
    lines: 10,
    issues: {
      SE01_COUNT: 2,
      GE01_COUNT: 1,
      PATIENT_RELATIONSHIP: 2,
      HI_COMPOSITE: 24,
      HL01_SEQUENCE: 2,
      HL02_PARENT: 2,
      HL04_CHILD: 2,
    },
  },
  {
    file: 'imsweb_x12_many_claims.txt',
    strict: 'SE01_COUNT',
    guides: ['005010X222A1'],
    claims: 820,
    lines: 820,
    issues: {
      SE01_COUNT: 1,
      PATIENT_RELATIONSHIP: 820,
      HI_COMPOSITE: 3280,
      HL01_SEQUENCE: 819,
      HL02_PARENT: 410,
      HL04_CHILD: 820,
    },
  },
  {
    file: 'linuxforhealth_demo.ambulance.example5.837',
    strict: undefined,
    guides: ['005010X222A2'],
    claims: 1,
    lines: 4,
    issues: {},
  },
  {
    file: 'linuxforhealth_demo.cob.example3.A.837',
    strict: undefined,
    guides: ['005010X222A2'],
    claims: 1,
    lines: 3,
    issues: {},
  },
  {
    file: 'linuxforhealth_demo.drug.example10.2.837',
    strict: undefined,
    guides: ['005010X222A2'],
    claims: 1,
    lines: 6,
    issues: {},
  },
  {
    file: 'oopfactory_Example1_HealthInsurance.txt',
    strict: undefined,
    guides: ['005010X222'],
    claims: 1,
    lines: 4,
    issues: {},
  },
  { file: 'oopfactory_Example3_COB.txt', strict: undefined, guides: ['005010X222'], claims: 1, lines: 3, issues: {} },
  {
    file: 'oopfactory_MedicaidExample.txt',
    strict: undefined,
    guides: ['005010X222A1'],
    claims: 5,
    lines: 10,
    issues: { CLM05_FREQUENCY: 5, SV101_QUALIFIER: 10, SEGMENT_MISSING: 5 },
  },
];

describeWithSharedData('837P samples read back into claims', ['x12', '837p'], () => {
  it.each(expectations)('$file: strict read, transactions, claims, lines and issues', (e) => {
    expect(strictFailure(e.file)).toBe(e.strict);
    const result = read837P(text(e.file), { lenient: true });
    expect(result.transactions.map((t) => t.implementationGuide)).toEqual(e.guides);
    expect([result.claims.length, lineCount(result)]).toEqual([e.claims, e.lines]);
    expect(issueCounts(result)).toEqual(e.issues);
  });

  it('databricks_CC_837P_EDI: claim, self subscriber, dotted ICD-10 codes and HCPCS line with two modifiers', () => {
    const [claim] = read837P(text('databricks_CC_837P_EDI.txt')).claims;
    expect(claim).toMatchObject({
      id: 'TD-R192ICE00094',
      totalChargeCents: 60000,
      placeOfService: '11',
      frequency: '1',
      diagnosisCodeSet: 'ICD-10-CM',
      diagnoses: [{ code: 'F34.1' }, { code: 'F43.10' }],
      payer: { name: 'CENTENE', payerId: '421406317', filingIndicator: 'MC', responsibility: 'P' },
      billingProvider: {
        organizationName: 'Test Provider',
        npi: '9999999999',
        tin: '999999999',
        taxonomy: '261QM0801X',
      },
      patient: { relationshipToSubscriber: '18', birthDate: '1996-02-15', sex: 'F' },
    });
    expect(claim?.lines[0]).toMatchObject({
      code: 'H0004',
      system: 'HCPCS',
      modifiers: ['HO', 'HQ'],
      units: 12,
      chargeCents: 30000,
      diagnosisPointers: [1, 2],
      serviceDate: '2018-06-25',
    });
  });

  it('oopfactory_Example3_COB: dependent patient from 2000C, rendering provider, other payer loop 2320 ignored', () => {
    const [claim] = read837P(text('oopfactory_Example3_COB.txt')).claims;
    expect(claim?.patient).toMatchObject({
      relationshipToSubscriber: '19',
      lastName: 'SMITH',
      firstName: 'TED',
      sex: 'M',
    });
    expect(claim?.subscriber).toMatchObject({ lastName: 'SMITH', firstName: 'JANE', memberId: '111223333' });
    expect(claim?.payer).toMatchObject({ name: 'KEY INSURANCE COMPANY', payerId: '999996666', responsibility: 'P' });
    expect(claim?.renderingProvider).toEqual({
      lastName: 'KILDARE',
      firstName: 'BEN',
      npi: '1999996666',
      taxonomy: '204C00000X',
    });
    expect(claim?.diagnosisCodeSet).toBe('ICD-9-CM');
    expect(claim?.totalChargeCents).toBe(7904);
  });

  it('linuxforhealth ambulance: line item control numbers and place of service 41', () => {
    const [claim] = read837P(text('linuxforhealth_demo.ambulance.example5.837')).claims;
    expect(claim?.placeOfService).toBe('41');
    expect(claim?.lines.map((l) => [l.code, l.controlNumber, l.units, l.chargeCents])).toEqual([
      ['A0427', '1001', 1, 70000],
      ['A0425', '1002', 21, 820],
      ['A0422', '1003', 1, 4600],
      ['A0382', '1004', 1, 1230],
    ]);
  });

  it('databricks_Molina: SV101-7 description is not read as a modifier; a date range comes back as RD8 dates', () => {
    const { claims } = read837P(text('databricks_Molina_Mock_UP_837P_File.txt'), { lenient: true });
    expect(claims[0]?.lines[0]).toMatchObject({ code: '01710', modifiers: ['QZ'], controlNumber: '09876543210' });
    expect(claims[0]?.referringProvider).toEqual({ lastName: 'ABCD', firstName: 'STUVW', npi: '1234567890' });
  });
});

describeWithSharedData('837P reader refuses other claim types', ['x12', '837i'], () => {
  it('rejects an 837I (005010X223A2) naming the ST segment and the guides it accepts', () => {
    const institutional = readFileSync(sharedData('x12', '837i', 'databricks_CC_837I_EDI.txt'), 'utf8');
    expect(() => read837P(institutional)).toThrow(/segment \d+ \(ST\): expected an 837P transaction.*005010X223A2/);
  });
});
