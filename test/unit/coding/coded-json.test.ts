import { describe, expect, it } from 'vitest';
import { codedJson } from '#core/billing/coded-json-input';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { toCodedJson } from '#core/coding/coded-json';
import { codeNote, config } from './support.ts';

const coded = (): CodedEncounter =>
  codeNote(
    'CHIEF COMPLAINT: Sore throat.\nRESULTS: Rapid strep test positive.\nASSESSMENT:\n1. Streptococcal pharyngitis.\nPLAN: Amoxicillin 500 mg twice daily for 10 days.',
    ['J02.0'],
  );

describe('coded JSON', () => {
  it('is accepted by the 837P input schema', () => {
    expect(codedJson.safeParse(toCodedJson([coded()], config)).success).toBe(true);
  });

  it('completes the payer from the configuration and makes the only payer primary', () => {
    expect(toCodedJson([coded()], config).encounters[0]?.payer).toEqual({
      payerId: 'SANDBOX1',
      name: 'Sandbox Health Plan',
      filingIndicator: 'CI',
      responsibility: 'P',
    });
  });

  it('keeps what the document says over the configuration', () => {
    const encounter = coded();
    encounter.encounter.payer = { payerId: 'SANDBOX1', name: 'Sandbox PPO', responsibility: 'S' };
    expect(toCodedJson([encounter], config).encounters[0]?.payer).toMatchObject({
      name: 'Sandbox PPO',
      responsibility: 'S',
    });
  });

  it('completes billing and rendering providers by NPI, and leaves an unknown NPI as given', () => {
    const encounter = coded();
    const [json] = toCodedJson([encounter], config).encounters;
    expect(json?.billingProvider).toMatchObject({
      npi: '1234567893',
      organizationName: 'Riverside Family Medicine',
      taxonomy: '207Q00000X',
    });
    expect(json?.renderingProvider).toMatchObject({ npi: '1456789019', lastName: 'Okafor', taxonomy: '207Q00000X' });
    encounter.encounter.billingProvider = { npi: '1999999992' };
    expect(toCodedJson([encounter], config).encounters[0]?.billingProvider).toEqual({ npi: '1999999992' });
  });

  it('writes no undefined values and no empty optional keys', () => {
    const text = JSON.stringify(toCodedJson([coded()], config));
    expect(text).not.toContain('null');
    expect(Object.keys(JSON.parse(text).encounters[0])).not.toContain('referringProvider');
  });
});
