import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { build837P } from '#core/x12/837p/builder';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { Invalid837PClaimError } from '#core/x12/837p/claim-checks';
import { type ControlNumberKind, InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { dependentVisit, IDENTITY, NOW, officeVisit } from './sample-claims.ts';
import { find, segmentIds, segmentsOf } from './x12-test-helpers.ts';

const build = (claims: Claim837P[], extra: { maxClaimsPerTransaction?: number; lineBreaks?: boolean } = {}) =>
  build837P(claims, { identity: IDENTITY, controlNumbers: new InMemoryControlNumbers(), now: NOW, ...extra });

describe('837P envelope', () => {
  it('writes a fixed-width ISA of 106 characters with the declared delimiters and a 9-digit control number', async () => {
    const { text } = await build837P([officeVisit()], {
      identity: IDENTITY,
      controlNumbers: new InMemoryControlNumbers({ interchange: 4321 }),
      now: NOW,
    });
    const isa = text.slice(0, text.indexOf('~') + 1);
    expect(isa).toHaveLength(106);
    expect(isa).toBe(
      'ISA*00*          *00*          *ZZ*CLAIMFLOW      *ZZ*CLEARHOUSE01   *261123*1405*^*00501*000004321*0*T*:~',
    );
    expect(find(text, 'IEA')).toEqual([['IEA', '1', '000004321']]);
  });

  it('declares the 005010X222A1 guide in GS08 and ST03 and opens with BHT 0019/00/CH', async () => {
    const { text } = await build([officeVisit()]);
    expect(find(text, 'GS')).toEqual([
      ['GS', 'HC', 'CLAIMFLOW', 'CLEARHOUSE01', '20261123', '1405', '1', 'X', '005010X222A1'],
    ]);
    expect(find(text, 'ST')).toEqual([['ST', '837', '0001', '005010X222A1']]);
    expect(find(text, 'BHT')).toEqual([['BHT', '0019', '00', '0001', '20261123', '1405', 'CH']]);
    expect(segmentIds(text).slice(0, 8)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'NM1', 'PER', 'NM1', 'HL']);
  });

  it('matches the reviewed golden file for a self-subscriber and a dependent claim', async () => {
    const { text } = await build([officeVisit(), dependentVisit()], { lineBreaks: true });
    const golden = readFileSync(new URL('../../../fixtures/x12/837p/self-and-dependent.837', import.meta.url), 'utf8');
    expect(text).toBe(golden);
  });
});

describe('837P hierarchy', () => {
  it('puts the claim directly under the subscriber when the patient is the subscriber (SBR02 18, HL04 0)', async () => {
    const { text } = await build([officeVisit()]);
    expect(find(text, 'HL')).toEqual([
      ['HL', '1', '', '20', '1'],
      ['HL', '2', '1', '22', '0'],
    ]);
    expect(find(text, 'SBR')[0]?.slice(0, 4)).toEqual(['SBR', 'P', '18', 'GRP42']);
    expect(find(text, 'PAT')).toEqual([]);
  });

  it('adds a patient level under a subscriber with blank SBR02 when the patient is a dependent', async () => {
    const { text } = await build([dependentVisit()]);
    expect(find(text, 'HL')).toEqual([
      ['HL', '1', '', '20', '1'],
      ['HL', '2', '1', '22', '1'],
      ['HL', '3', '2', '23', '0'],
    ]);
    expect(find(text, 'SBR')[0]?.[2]).toBe('');
    expect(find(text, 'PAT')).toEqual([['PAT', '19']]);
    expect(find(text, 'NM1', 'QC')).toEqual([['NM1', 'QC', '1', 'DOE', 'TIMMY']]);
  });

  it('sends the subscriber’s N3/N4/DMG only when the patient is the subscriber (TR3 2010BA; X12 RFIs 1496, 2281)', async () => {
    // The dependent's subscriber has an address and a birth date on file; 2010BA must still not carry them.
    const { text } = await build([dependentVisit()]);
    const ids = segmentIds(text);
    const subscriberLevel = ids.slice(ids.indexOf('SBR'), ids.indexOf('HL', ids.indexOf('SBR')));
    expect(subscriberLevel).toEqual(['SBR', 'NM1', 'NM1']);
    const patientLevel = ids.slice(ids.indexOf('PAT'), ids.indexOf('CLM'));
    expect(patientLevel).toEqual(['PAT', 'NM1', 'N3', 'N4', 'DMG']);
    expect(find(text, 'DMG')).toEqual([['DMG', 'D8', '20150601', 'M']]);
  });

  it('does not refuse a dependent’s claim over subscriber data it does not send', async () => {
    const visit = dependentVisit();
    const claim = dependentVisit({
      subscriber: { ...visit.subscriber, birthDate: '1980-02-30', address: { lines: [''], state: 'Illinois' } },
    });
    await expect(build([claim])).resolves.toBeDefined();
  });

  it('groups interleaved claims under one billing provider level each and one subscriber level per subscriber', async () => {
    const otherClinic = { ...officeVisit().billingProvider, organizationName: 'HILL CLINIC', npi: '1000000004' };
    const claims = [
      officeVisit({ id: 'A1' }),
      officeVisit({ id: 'B1', billingProvider: otherClinic }),
      officeVisit({ id: 'A2' }),
    ].map(withLineControlNumbers);
    const { text } = await build(claims);
    expect(find(text, 'HL')).toEqual([
      ['HL', '1', '', '20', '1'],
      ['HL', '2', '1', '22', '0'],
      ['HL', '3', '', '20', '1'],
      ['HL', '4', '3', '22', '0'],
    ]);
    expect(find(text, 'CLM').map((s) => s[1])).toEqual(['A1', 'A2', 'B1']);
  });

  it('starts a new subscriber level after the 100 claims loop 2300 allows under one', async () => {
    const claims = Array.from({ length: 101 }, (_, i) => withLineControlNumbers(officeVisit({ id: `C${i}` })));
    const { text } = await build(claims);
    expect(find(text, 'HL', undefined).filter((s) => s[3] === '22')).toHaveLength(2);
  });

  it('splits into several transactions at the claim limit, with consecutive ST02 and a matching GE01', async () => {
    const claims = Array.from({ length: 5 }, (_, i) => withLineControlNumbers(officeVisit({ id: `C${i}` })));
    const built = await build(claims, { maxClaimsPerTransaction: 2 });
    expect(built.transactions.map((t) => [t.controlNumber, t.claimCount])).toEqual([
      ['0001', 2],
      ['0002', 2],
      ['0003', 1],
    ]);
    expect(find(built.text, 'GE')).toEqual([['GE', '3', '1']]);
    expect(find(built.text, 'SE').map((s) => s[2])).toEqual(['0001', '0002', '0003']);
  });

  it('counts every segment from ST to SE inclusive in SE01', async () => {
    const { text } = await build([officeVisit(), dependentVisit()]);
    const ids = segmentIds(text);
    const counted = ids.lastIndexOf('SE') - ids.indexOf('ST') + 1;
    expect(find(text, 'SE')[0]?.[1]).toBe(String(counted));
  });
});

describe('837P claim loop', () => {
  it('writes CLM with total, place of service, B and frequency, then ABK principal and ABF diagnoses without dots', async () => {
    const { text } = await build([officeVisit()]);
    expect(find(text, 'CLM')).toEqual([['CLM', 'PCN0001', '175.5', '', '', '11:B:1', 'Y', 'A', 'Y', 'Y']]);
    expect(find(text, 'HI')).toEqual([['HI', 'ABK:E119', 'ABF:I10']]);
  });

  it('sends REF*F8 with the payer claim number for a replacement, and REF*G1 for a prior authorization', async () => {
    const claim = officeVisit({ frequency: '7', originalClaimNumber: 'PAYER-778899', priorAuthorization: 'AUTH55' });
    const { text } = await build([claim]);
    expect(find(text, 'CLM')[0]?.[5]).toBe('11:B:7');
    expect(find(text, 'REF', 'F8')).toEqual([['REF', 'F8', 'PAYER-778899']]);
    expect(find(text, 'REF', 'G1')).toEqual([['REF', 'G1', 'AUTH55']]);
  });

  it('orders the claim REF segments as the TR3 does: G1, then F8, then EA, all before HI', async () => {
    const claim = officeVisit({
      frequency: '8',
      originalClaimNumber: 'PAYER-1',
      priorAuthorization: 'AUTH55',
      patient: { ...officeVisit().patient, mrn: 'MRN7' },
    });
    const { text } = await build([claim]);
    const ids = segmentsOf(text).map((s) => (s[0] === 'REF' ? `REF*${s[1]}` : s[0]));
    const clm = ids.indexOf('CLM');
    expect(ids.slice(clm, clm + 5)).toEqual(['CLM', 'REF*G1', 'REF*F8', 'REF*EA', 'HI']);
  });

  it('names a referring provider (NM1*DN) and leaves out the rendering loop when it is the billing provider', async () => {
    const claim = officeVisit({
      referringProvider: { lastName: 'JONES', firstName: 'AL', npi: '1003000126' },
      renderingProvider: { organizationName: 'RIVER CLINIC', npi: '1234567893' },
    });
    const { text } = await build([claim]);
    expect(find(text, 'NM1', 'DN')).toEqual([['NM1', 'DN', '1', 'JONES', 'AL', '', '', '', 'XX', '1003000126']]);
    expect(find(text, 'NM1', '82')).toEqual([]);
    expect(find(text, 'PRV', 'PE')).toEqual([]);
  });

  it('writes a referring provider as a person (2310A NM102 = 1) even when the document gives an organisation name', async () => {
    const claim = officeVisit({
      referringProvider: {
        organizationName: 'VALLEY PEDIATRICS',
        lastName: 'JONES',
        firstName: 'AL',
        npi: '1003000126',
      },
    });
    const { text } = await build([claim]);
    expect(find(text, 'NM1', 'DN')).toEqual([['NM1', 'DN', '1', 'JONES', 'AL', '', '', '', 'XX', '1003000126']]);
  });

  it('writes each service line as LX, SV1 with modifiers and pointers (SV105 empty), DTP*472 and REF*6R', async () => {
    const { text } = await build([officeVisit()]);
    const segments = segmentsOf(text);
    const firstLx = segments.findIndex((s) => s[0] === 'LX');
    expect(segments.slice(firstLx, firstLx + 4)).toEqual([
      ['LX', '1'],
      ['SV1', 'HC:99214:25', '150', 'UN', '1', '', '', '1:2'],
      ['DTP', '472', 'D8', '20261120'],
      ['REF', '6R', 'PCN0001-1'],
    ]);
  });

  it('writes a date range as RD8', async () => {
    const base = officeVisit();
    const claim = officeVisit({ lines: base.lines.map((l) => ({ ...l, serviceDateEnd: '2026-11-22' })) });
    const { text } = await build([claim]);
    expect(find(text, 'DTP', '472')[0]).toEqual(['DTP', '472', 'RD8', '20261120-20261122']);
  });

  it('folds accented names to plain ASCII', async () => {
    const claim = dependentVisit({ patient: { ...dependentVisit().patient, firstName: 'José', lastName: 'Núñez' } });
    const { text } = await build([claim]);
    expect(find(text, 'NM1', 'QC')).toEqual([['NM1', 'QC', '1', 'Nunez', 'Jose']]);
  });

  it.each([
    ['Søren', 'Soren'],
    ['Łukasz', 'Lukasz'],
    ['Weiß', 'Weiss'],
    ['Ærøskøbing', 'Aeroskobing'],
    ['Þórsdóttir', 'Thorsdottir'],
    ['Đặng', 'Dang'],
    ['Ðorđe', 'Dorde'],
    ['Œuvray', 'Oeuvray'],
    ['WEIß', 'WEISS'],
    ['ÆRØ', 'AERO'],
    ['Iğdır', 'Igdir'],
    ['O’Brien', "O'Brien"],
    ['ＭＩＫＩ', 'MIKI'],
  ])('transliterates %s (no ASCII fold) to %s instead of refusing the claim', async (name, ascii) => {
    const claim = dependentVisit({ patient: { ...dependentVisit().patient, lastName: name } });
    const { text } = await build([claim]);
    expect(find(text, 'NM1', 'QC')[0]?.[3]).toBe(ascii);
  });

  it('still refuses a name with a character no transliteration covers, naming it', async () => {
    const claim = dependentVisit({ patient: { ...dependentVisit().patient, lastName: '王' } });
    await expect(build([claim])).rejects.toThrow(/patient\.lastName: 2010CA NM103 last name contains "王"/);
  });
});

describe('837P from the Claim model', () => {
  it('builds from a full Claim, leaving workflow state and coding evidence out of the file', async () => {
    const visit = officeVisit();
    const claim: Claim = {
      ...visit,
      encounter: { key: 'inbox/visit-001.json', format: 'fhir-r4', index: 0 },
      status: 'READY',
      owner: 'NONE',
      diagnoses: visit.diagnoses.map((d) => ({ ...d, confidence: 0.97, evidence: [], codeSetVersion: 'icd10cm-2026' })),
      lines: visit.lines.map((l) => ({ ...l, confidence: 0.9, evidence: [], codeSetVersion: 'cpt-2026' })),
      findings: [],
      version: 3,
      documentId: 'doc-1',
      practiceId: 'maple-grove',
      lastEvent: { version: 3, at: '2026-11-22T10:00:00Z', to: 'READY', actor: 'scrubber' },
    };
    const fromClaim = await build([claim]);
    const fromModel = await build([visit]);
    expect(fromClaim.text).toBe(fromModel.text);
  });
});

describe('837P refusals', () => {
  it('rejects invalid claims with every problem named and draws no control numbers', async () => {
    const drawn: ControlNumberKind[] = [];
    const counter = {
      async next(kind: ControlNumberKind) {
        drawn.push(kind);
        return 1;
      },
    };
    const bad = officeVisit({ placeOfService: '1', subscriber: { ...officeVisit().subscriber, memberId: 'AB*12' } });
    const attempt = build837P([bad], { identity: IDENTITY, controlNumbers: counter, now: NOW });
    await expect(attempt).rejects.toBeInstanceOf(Invalid837PClaimError);
    await expect(attempt).rejects.toThrow(/placeOfService: CLM05-1 place of service must be a two-digit CMS code/);
    await expect(attempt).rejects.toThrow(/subscriber.memberId: 2010BA NM109 member id contains "\*".*delimiter/);
    expect(drawn).toEqual([]);
  });

  it('rejects an identity whose ISA sender id is longer than 15 characters', async () => {
    const identity = { ...IDENTITY, interchangeSender: { qualifier: 'ZZ' as const, id: 'SIXTEEN-CHARS-ID' } };
    await expect(
      build837P([officeVisit()], { identity, controlNumbers: new InMemoryControlNumbers(), now: NOW }),
    ).rejects.toThrow(/ISA06 sender id must be 1 to 15 characters/);
  });
});

function withLineControlNumbers(claim: Claim837P): Claim837P {
  return { ...claim, lines: claim.lines.map((l, i) => ({ ...l, controlNumber: `${claim.id}-${i + 1}` })) };
}

describe('837P size limits', () => {
  it('builds a full transaction of 5000 claims with 50 lines each (over a million segments)', async () => {
    const base = officeVisit();
    const lines = Array.from({ length: 50 }, (_, i) => ({ ...base.lines[1]!, controlNumber: `L${i + 1}` }));
    const claims = Array.from({ length: 5000 }, (_, i) => ({
      ...base,
      id: `C${i}`,
      lines,
      totalChargeCents: 50 * base.lines[1]!.chargeCents,
    }));
    const built = await build(claims);
    // ST..NM1*40 (5), one 2000A (6), 50 subscriber levels of 100 claims (7 each), per claim CLM, HI, NM1*82 and
    // PRV (4) plus 50 lines of LX, SV1, DTP and REF (200), and SE.
    const segmentCount = 5 + 6 + 50 * 7 + 5000 * (4 + 50 * 4) + 1;
    expect(built.transactions).toEqual([{ controlNumber: '0001', claimCount: 5000, segmentCount }]);
  }, 60_000);
});
