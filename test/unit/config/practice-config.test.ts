import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from '#core/config/npi';
import { feeFor, parsePracticeConfig, payerById } from '#core/config/practice-config';
import { applyPracticeDefaults, configurationGaps } from '#core/config/practice-defaults';

const sample = JSON.parse(readFileSync(new URL('../../../config/practice.sample.json', import.meta.url), 'utf8'));

describe('practice configuration', () => {
  it('accepts the sample configuration the twin ships', () => {
    const config = parsePracticeConfig(sample, 'config/practice.sample.json');

    expect(payerById(config, 'SANDBOX1')?.timelyFilingDays).toBe(180);
    expect(feeFor(config, '99213')).toBe(13500);
  });

  it('names the file and the field when a value is wrong', () => {
    const broken = structuredClone(sample);
    broken.billingProviders[0].address.postalCode = '62701';

    expect(() => parsePracticeConfig(broken, 'practice.json')).toThrow(
      /practice\.json is invalid:[\s\S]*billingProviders\.0\.address\.postalCode: the billing provider ZIP must have 9 digits/,
    );
  });

  it('refuses two payers with the same payer id', () => {
    const broken = structuredClone(sample);
    broken.payers.push({ ...broken.payers[0] });

    expect(() => parsePracticeConfig(broken, 'practice.json')).toThrow(/payer id SANDBOX1 appears twice/);
  });

  it('takes mailbox polling settings for the clearinghouse, and refuses polling a connector without a mailbox', () => {
    const tuned = structuredClone(sample);
    tuned.clearinghouse = { kind: 'sandbox', mailbox: { everyMinutes: 10 } };
    expect(parsePracticeConfig(tuned, 'practice.json').clearinghouse.mailbox).toEqual({ everyMinutes: 10 });

    const http = structuredClone(sample);
    http.clearinghouse = { kind: 'http', url: 'https://ch.example.org', secretName: 'ch', mailbox: { poll: true } };
    expect(() => parsePracticeConfig(http, 'practice.json')).toThrow(
      /clearinghouse\.mailbox: clearinghouse\.mailbox\.poll: the "http" connector has no mailbox to poll/,
    );
  });

  it('has only valid NPIs in the sample', () => {
    const config = parsePracticeConfig(sample, 'sample');
    const npis = [...config.billingProviders, ...config.renderingProviders].map((p) => p.npi);
    expect(npis.filter((n) => !isValidNpi(n))).toEqual([]);
  });
});

describe('NPI check digit', () => {
  it('computes the Luhn digit over 80840 and the first nine digits', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
  });
});

describe('practice defaults applied to an encounter', () => {
  const config = parsePracticeConfig(sample, 'sample');
  const bare = {
    source: { key: 'inbox/a.txt', format: 'clinical-note' as const, index: 0 },
    patient: {},
    diagnoses: [],
    procedures: [],
  };

  it('fills the single configured billing provider and the default place of service when the document has none', () => {
    const onePractice = { ...config, billingProviders: config.billingProviders.slice(0, 1) };

    const encounter = applyPracticeDefaults(bare, onePractice);

    expect(encounter.billingProvider).toMatchObject({ npi: '1987654328', tin: '841234567' });
    expect(encounter.placeOfService).toBe('11');
  });

  it('does not guess the billing provider when the practice bills under several', () => {
    expect(applyPracticeDefaults(bare, config).billingProvider).toBeUndefined();
  });

  it('completes a configured billing NPI with its TIN, taxonomy and address', () => {
    const encounter = applyPracticeDefaults({ ...bare, billingProvider: { npi: '1333444556' } }, config);

    expect(encounter.billingProvider).toMatchObject({ tin: '279876543', address: { postalCode: '627031800' } });
  });

  it('never overwrites what the document states', () => {
    const encounter = applyPracticeDefaults(
      { ...bare, placeOfService: '02', payer: { payerId: 'SANDBOX1', name: 'As written' } },
      config,
    );

    expect(encounter.placeOfService).toBe('02');
    expect(encounter.payer).toMatchObject({ name: 'As written', filingIndicator: 'CI' });
  });

  it.each([
    ['Medicare', 'MEDICR'],
    ['Medicare Part B', 'MEDICR'],
    ['sandbox health plan', 'SANDBOX1'],
  ])('knows the one configured payer a document names without its id (%s)', (written, payerId) => {
    const encounter = applyPracticeDefaults({ ...bare, payer: { name: written } }, config);

    expect(encounter.payer).toMatchObject({ name: written, payerId });
  });

  it('does not guess a payer whose name fits no configured one, or more than one', () => {
    const twoMedicares = {
      ...config,
      payers: [...config.payers, { ...config.payers[1]!, payerId: 'MEDADV', name: 'Medicare Advantage Plus' }],
    };

    expect(applyPracticeDefaults({ ...bare, payer: { name: 'Medicare Advantage' } }, config).payer).toEqual({
      name: 'Medicare Advantage',
    });
    expect(applyPracticeDefaults({ ...bare, payer: { name: 'Medicare' } }, twoMedicares).payer).toEqual({
      name: 'Medicare',
    });
  });

  it('reports a billing NPI and a payer the configuration does not know', () => {
    const gaps = configurationGaps(
      { ...bare, billingProvider: { npi: '1111111112' }, payer: { payerId: 'NOPE' } },
      config,
    );

    expect(gaps.map((g) => g.field)).toEqual(['billingProvider.npi', 'payer.payerId']);
  });
});
