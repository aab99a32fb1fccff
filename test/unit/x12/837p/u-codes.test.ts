/**
 * ICD-10-CM chapter 22 "Codes for special purposes" (U00-U85): U07.1 COVID-19 (since April 2020), U09.9 post COVID-19
 * condition (since October 2021). They are ordinary diagnoses on a professional claim: structured intake takes them,
 * the 837P carries them in HI.
 */
import { describe, expect, it } from 'vitest';
import { claimTo837P } from '#core/billing/claim-to-837p';
import { buildClaim } from '#core/claims/build-claim';
import { starterCodeSets } from '#core/codesets/starter/index';
import { codeEncounter } from '#core/coding/index';
import { completeEncounter } from '#core/config/practice-defaults';
import { parseDocument } from '#core/documents/index';
import { build837P } from '#core/x12/837p/builder';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { read837P } from '#core/x12/837p/reader-837p';
import { sampleConfig } from '../../scrubbing/support/scrub-setup.ts';
import { IDENTITY, NOW, officeVisit } from './sample-claims.ts';
import { find } from './x12-test-helpers.ts';

describe('ICD-10-CM U codes', () => {
  it('are accepted by the claim checks and written in HI, and read back dotted', async () => {
    const claim = officeVisit({ diagnoses: [{ code: 'U07.1' }, { code: 'U09.9' }] });
    expect(check837PClaims([claim])).toEqual([]);
    const { text } = await build837P([claim], {
      identity: IDENTITY,
      controlNumbers: new InMemoryControlNumbers(),
      now: NOW,
    });
    expect(find(text, 'HI')).toEqual([['HI', 'ABK:U071', 'ABF:U099']]);
    expect(read837P(text).claims[0]?.diagnoses).toEqual([{ code: 'U07.1' }, { code: 'U09.9' }]);
  });

  it('are taken from a structured document by the coder and reach the 837P', async () => {
    const document = {
      claimflowVersion: '1',
      encounter: {
        encounterId: 'COVID-1',
        patient: {
          lastName: 'Kim',
          firstName: 'Daniel',
          birthDate: '1975-07-09',
          sex: 'M',
          relationshipToSubscriber: '18',
          address: { lines: ['218 Cedar Ln'], city: 'Springfield', state: 'IL', postalCode: '62704' },
        },
        subscriber: { memberId: 'SBX667788990' },
        payer: { payerId: 'SANDBOX1' },
        billingProvider: { npi: '1987654328' },
        renderingProvider: { npi: '1765432103' },
        placeOfService: '11',
        dateOfService: '2026-11-04',
        newPatient: false,
        totalTimeMinutes: 25,
        diagnoses: [{ code: 'U07.1', display: 'COVID-19' }],
        procedures: [{ code: '99213', units: 1, charge: '135.00', diagnosisCodes: ['U07.1'] }],
      },
    };
    const parsed = parseDocument(new TextEncoder().encode(JSON.stringify(document)), { key: 'covid.json' });
    if (!parsed.ok) throw new Error(parsed.message);
    const config = sampleConfig();
    const coded = codeEncounter(await completeEncounter(parsed.encounters[0]!, config), {
      codeSets: starterCodeSets(),
      config,
      date: '2026-11-04',
    });
    expect(coded.review.reasons.filter((r) => r.category === 'unsupported_code')).toEqual([]);
    expect(coded.diagnoses.map((d) => d.code)).toEqual(['U07.1']);
    const claim = buildClaim(coded, { documentId: 'covid.json', at: '2026-11-23T00:00:00Z', actor: 'test' });
    const { text } = await build837P([claimTo837P(claim)], {
      identity: IDENTITY,
      controlNumbers: new InMemoryControlNumbers(),
      now: NOW,
    });
    expect(find(text, 'HI')).toEqual([['HI', 'ABK:U071']]);
  });
});
