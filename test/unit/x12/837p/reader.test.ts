import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { read837P, stream837P } from '#core/x12/837p/reader-837p';
import { dependentVisit, officeVisit } from './sample-claims.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/x12/837p/${name}`, import.meta.url), 'utf8');

describe('837P reader', () => {
  it('reads the golden file back into the claims it was built from, with submitter, receiver and guide', () => {
    const result = read837P(fixture('self-and-dependent.837'));
    expect(result.issues).toEqual([]);
    expect(result.transactions).toMatchObject([
      {
        controlNumber: '0001',
        implementationGuide: '005010X222A1',
        interchangeControlNumber: '000000001',
        submitter: { name: 'CLAIMFLOW BILLING', id: 'CF12345' },
        receiver: { name: 'CLEARING HOUSE', id: 'CH98765' },
      },
    ]);
    const [self, dependent] = result.claims;
    expect(self).toMatchObject({ ...officeVisit(), source: { transactionControlNumber: '0001', position: 21 } });
    // 2010BA of a dependent's claim carries no N3/N4/DMG: the subscriber reads back without them.
    const { address: _address, birthDate: _birthDate, sex: _sex, ...subscriberSent } = dependentVisit().subscriber;
    expect(dependent).toMatchObject({ ...dependentVisit(), subscriber: subscriberSent });
    expect(dependent?.subscriber).not.toHaveProperty('address');
  });

  it('reports each HL numbering, parent and child-code fault with the HL segment it is in', () => {
    const { issues, claims } = read837P(fixture('hl-broken.837'));
    expect(issues.map((i) => [i.code, i.position])).toEqual([
      ['HL04_CHILD', 14],
      ['HL01_SEQUENCE', 40],
      ['HL02_PARENT', 40],
      ['HL04_CHILD', 33],
    ]);
    expect(issues[2]?.message).toBe('segment 40 (HL): HL02 "1" should name an earlier HL with level 22');
    expect(claims).toHaveLength(2);
  });

  it('reports a claim without HI and a line without its date of service', () => {
    const { issues } = read837P(fixture('missing-segments.837'));
    expect(issues.map((i) => i.message)).toEqual([
      'segment 21 (CLM): claim "PCN0001" (2300) has no HI',
      'segment 49 (LX): service line 1 (2400) has no DTP*472',
    ]);
  });

  it('stops on an envelope fault by default and reads on, reporting it, when lenient', () => {
    const text = fixture('wrong-se-count.837');
    expect(() => read837P(text)).toThrow(/SE01 says 51 segments, but ST\.\.SE holds 52/);
    const lenient = read837P(text, { lenient: true });
    expect(lenient.issues.map((i) => i.code)).toEqual(['SE01_COUNT']);
    expect(lenient.claims.map((c) => c.id)).toEqual(['PCN0001', 'PCN0002']);
  });

  it('reports the required segments each loop lacks, naming the loop', () => {
    const text = fixture('self-and-dependent.837')
      .replace('REF*EI*123456789~\n', '')
      .replace('PAT*19~\n', '')
      .replace(/^SE\*49\*/m, 'SE*47*');
    const messages = read837P(text).issues.map((i) => i.message);
    expect(messages).toEqual([
      'segment 8 (HL): billing provider level (2000A) has no REF*EI or REF*SY',
      'segment 36 (HL): patient level (2000C) has no PAT',
    ]);
  });
});

describe('837P streaming reader', () => {
  it('gives the same claims from a stream cut into small chunks as from the whole text', async () => {
    const text = fixture('self-and-dependent.837');
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    const streamed: Claim837P[] = [];
    for await (const transaction of stream837P(Readable.from(chunks))) streamed.push(...transaction.claims);
    expect(streamed).toEqual(read837P(text).claims);
  });

  it('reports issues through onIssue when lenient', async () => {
    const issues: string[] = [];
    const stream = stream837P(Readable.from([fixture('wrong-se-count.837')]), {
      lenient: true,
      onIssue: (issue) => issues.push(issue.code),
    });
    let claims = 0;
    for await (const transaction of stream) claims += transaction.claims.length;
    expect([claims, issues]).toEqual([2, ['SE01_COUNT']]);
  });
});
