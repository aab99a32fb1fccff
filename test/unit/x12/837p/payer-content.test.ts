/**
 * Content payers ask for beyond the minimum: CLM06-09 from the practice's policy, name suffixes (NM107), the pay-to
 * address (2010AB), the service facility when it is not the billing address (2310C), the CLIA number on lab claims
 * (REF*X4) and the NDC of drug lines (2410 LIN/CTP). Each is written where the TR3 puts it, read back, refused when
 * malformed, and accepted by the independent validator.
 */
import { describe, expect, it } from 'vitest';
import { build837P } from '#core/x12/837p/builder';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { read837P } from '#core/x12/837p/reader-837p';
import { describeWithValidator, validateX12 } from '../../sandbox/independent-validator.ts';
import { dependentVisit, IDENTITY, NOW, officeVisit } from './sample-claims.ts';
import { find, segmentIds } from './x12-test-helpers.ts';

const build = async (claims: Claim837P[]) =>
  (await build837P(claims, { identity: IDENTITY, controlNumbers: new InMemoryControlNumbers(), now: NOW })).text;

const facility = {
  name: 'MAPLE GROVE NORTH CLINIC',
  npi: '1003000126',
  address: { lines: ['9 NORTH RD'], city: 'SPRINGFIELD', state: 'IL', postalCode: '62702' },
};

function rich(): Claim837P {
  const base = officeVisit();
  return officeVisit({
    patient: { ...base.patient, suffix: 'JR' },
    subscriber: { ...base.subscriber, suffix: 'JR' },
    billingProvider: {
      ...base.billingProvider,
      payToAddress: { lines: ['PO BOX 4400'], city: 'SPRINGFIELD', state: 'IL', postalCode: '627054400' },
    },
    serviceFacility: facility,
    clia: '14D0123456',
    indicators: { providerSignature: 'Y', acceptAssignment: 'C', benefitsAssignment: 'N', releaseOfInformation: 'I' },
    lines: [
      base.lines[0]!,
      { ...base.lines[1]!, code: 'J3420', system: 'HCPCS', drug: { ndc: '00409489101', quantity: 1, unit: 'ML' } },
    ],
  });
}

describe('837P content payers ask for', () => {
  it('writes CLM06-CLM09 from the claim’s indicators, the defaults (Y A Y Y) when it has none', async () => {
    const text = await build([rich(), dependentVisit()]);
    expect(find(text, 'CLM').map((s) => s.slice(6, 10))).toEqual([
      ['Y', 'C', 'N', 'I'],
      ['Y', 'A', 'Y', 'Y'],
    ]);
  });

  it('writes name suffixes in NM107', async () => {
    const text = await build([rich()]);
    expect(find(text, 'NM1', 'IL')[0]?.[7]).toBe('JR');
  });

  it('writes the pay-to address as 2010AB after the billing provider, and the CLIA number as REF*X4', async () => {
    const ids = segmentIds(await build([rich()]));
    const text = await build([rich()]);
    expect(find(text, 'NM1', '87')).toEqual([['NM1', '87', '2']]);
    const payTo = ids.indexOf('NM1', ids.indexOf('REF'));
    expect(ids.slice(payTo, payTo + 3)).toEqual(['NM1', 'N3', 'N4']);
    expect(find(text, 'N3')).toContainEqual(['N3', 'PO BOX 4400']);
    expect(find(text, 'REF', 'X4')).toEqual([['REF', 'X4', '14D0123456']]);
  });

  it('writes 2310C when the service facility is not the billing address, and leaves it out when it is', async () => {
    const text = await build([rich()]);
    expect(find(text, 'NM1', '77')).toEqual([
      ['NM1', '77', '2', 'MAPLE GROVE NORTH CLINIC', '', '', '', '', 'XX', '1003000126'],
    ]);
    const atBilling = rich();
    atBilling.serviceFacility = { name: 'SAME PLACE', address: atBilling.billingProvider.address! };
    expect(find(await build([atBilling]), 'NM1', '77')).toEqual([]);
  });

  it('writes the drug of a line as 2410 LIN*N4 and CTP with quantity and unit, after REF*6R', async () => {
    const text = await build([rich()]);
    expect(find(text, 'LIN')).toEqual([['LIN', '', 'N4', '00409489101']]);
    expect(find(text, 'CTP')).toEqual([['CTP', '', '', '', '1', 'ML']]);
    const ids = segmentIds(text);
    expect(ids.slice(ids.indexOf('LIN') - 1, ids.indexOf('LIN') + 2)).toEqual(['REF', 'LIN', 'CTP']);
  });

  it('reads every one of them back', async () => {
    const read = read837P(await build([rich()]));
    expect(read.issues).toEqual([]);
    const { diagnosisCodeSet: _s, source: _p, ...claim } = read.claims[0]!;
    expect(claim).toMatchObject(rich());
  });

  it.each([
    ['a CLIA number of the wrong shape', { clia: '14-0123456' }, 'X12-REFERENCE', 'clia'],
    [
      'an unknown release-of-information code',
      {
        indicators: {
          providerSignature: 'Y',
          acceptAssignment: 'A',
          benefitsAssignment: 'Y',
          releaseOfInformation: 'X',
        },
      },
      'X12-CLAIM-INDICATORS',
      'indicators.releaseOfInformation',
    ],
    [
      'a service facility without a ZIP',
      { serviceFacility: { ...facility, address: { ...facility.address, postalCode: undefined } } },
      'X12-SERVICE-FACILITY',
      'serviceFacility.address.postalCode',
    ],
    [
      'a pay-to address without a city',
      {
        billingProvider: {
          ...officeVisit().billingProvider,
          payToAddress: { lines: ['PO BOX 1'], state: 'IL', postalCode: '62701' },
        },
      },
      'X12-PAY-TO',
      'billingProvider.payToAddress.city',
    ],
    [
      'a name suffix over 10 characters',
      { subscriber: { ...officeVisit().subscriber, suffix: 'THE SECOND.' } },
      'X12-SUBSCRIBER',
      'subscriber.suffix',
    ],
  ] as [string, Partial<Claim837P>, string, string][])('refuses %s under its rule', (_what, change, rule, field) => {
    expect(check837PClaims([officeVisit(change)])).toContainEqual(expect.objectContaining({ rule, field }));
  });

  it('refuses a 10-digit NDC and a quantity without a unit under X12-DRUG', () => {
    const base = officeVisit();
    const claim = officeVisit({
      lines: [{ ...base.lines[0]!, drug: { ndc: '0409489101', quantity: 0, unit: 'XX' as 'ML' } }, base.lines[1]!],
    });
    expect(
      check837PClaims([claim])
        .filter((i) => i.rule === 'X12-DRUG')
        .map((i) => i.field),
    ).toEqual(['lines[0].drug.ndc', 'lines[0].drug.quantity', 'lines[0].drug.unit']);
  });
});

describeWithValidator('837P content payers ask for, checked by the independent validator (pyx12)', () => {
  it('accepts a claim carrying all of them beside a dependent’s claim', async () => {
    const { valid, report } = validateX12({ rich: await build([rich(), dependentVisit()]) });
    expect(valid, report).toBe(true);
  });
});
