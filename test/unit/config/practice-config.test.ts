import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit } from '#core/config/npi';
import { feeFor, parsePracticeConfig, payerById } from '#core/config/practice-config';

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
