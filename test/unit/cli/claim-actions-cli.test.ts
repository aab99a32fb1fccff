/**
 * The CLI side of the operator actions: change flags read into the changes core applies (every mistake named with its
 * flag), and `claims show` as text with money as money.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { claimView } from '#core/operations/index';
import { changesFromFlags } from '#local/cli/claim-change-args';
import { formatClaimView } from '#local/cli/claim-view-text';

describe('edit and recode flags', () => {
  it('read diagnoses, line changes, added and removed lines and billing facts', () => {
    expect(
      changesFromFlags({
        dx: 'J02.9, J06.9',
        line: ['2:modifiers=59+XS,units=2', '1:code=99214,pointers=1+2,charge=$150.00'],
        'add-line': ['code=87880,units=1,charge=35.50,pointers=1,modifiers=QW'],
        'remove-line': ['3'],
        'member-id': 'SB1',
        'prior-auth': 'none',
        pos: '11',
      }),
    ).toEqual({
      diagnoses: ['J02.9', 'J06.9'],
      lines: [
        { line: 2, modifiers: ['59', 'XS'], units: 2 },
        { line: 1, code: '99214', pointers: [1, 2], chargeCents: 15_000 },
      ],
      addLines: [{ code: '87880', units: 1, chargeCents: 3_550, pointers: [1], modifiers: ['QW'] }],
      removeLines: [3],
      memberId: 'SB1',
      priorAuthorization: null,
      placeOfService: '11',
    });
    expect(changesFromFlags({ line: ['1:modifiers=none'] })).toEqual({ lines: [{ line: 1, modifiers: [] }] });
  });

  it.each([
    [{}, /nothing to change/],
    [{ line: ['2'] }, /--line "2": write it as N:key=value/],
    [{ line: ['x:units=1'] }, /"x" is not a whole number/],
    [{ line: ['1:colour=red'] }, /unknown key colour/],
    [{ line: ['1:charge=1.005'] }, /at most two decimals/],
    [{ 'add-line': ['code=87880,units=1'] }, /charge= is required/],
  ])('name the flag of every mistake: %j', (flags, message) => {
    expect(() => changesFromFlags(flags)).toThrow(message);
  });
});

describe('claims show as text', () => {
  it('prints each section with money as money and evidence quoted', () => {
    const claim: Claim = {
      id: 'CFTEXT00000000000001',
      documentId: 'doc-1',
      practiceId: 'maple-grove',
      encounter: { key: 'inbox/a.txt', format: 'clinical-note', index: 0 },
      frequency: '7',
      originalClaimNumber: 'SHP42',
      status: 'NEEDS_REVIEW',
      owner: 'CODER',
      reasonCategory: 'modifier',
      patient: { lastName: 'Haddad', firstName: 'Omar', birthDate: '1985-04-12', relationshipToSubscriber: '18' },
      subscriber: { memberId: 'SB555' },
      payer: { payerId: 'SANDBOX1', name: 'Sandbox Health Plan' },
      billingProvider: { npi: '1987654328', organizationName: 'Maple Grove Family Medicine' },
      placeOfService: '11',
      diagnoses: [
        {
          code: 'J06.9',
          confidence: 0.93,
          codeSetVersion: 'x',
          evidence: [{ kind: 'text', quote: 'acute upper respiratory infection', rule: 'dx.text' }],
        },
      ],
      lines: [
        {
          code: '99213',
          system: 'CPT',
          modifiers: ['25'],
          units: 1,
          chargeCents: 31_950,
          diagnosisPointers: [1],
          serviceDate: '2026-11-09',
          confidence: 1,
          evidence: [{ kind: 'field', path: 'manual', rule: 'manual' }],
          codeSetVersion: 'x',
          controlNumber: 'CFTEXT00000000000001-1',
        },
      ],
      totalChargeCents: 31_950,
      findings: [],
      version: 2,
      lastEvent: { version: 2, at: '2026-11-23T12:00:00.000Z', from: 'CODED', to: 'NEEDS_REVIEW', actor: 'coder:ana' },
    };

    const text = formatClaimView(claimView(claim, [claim.lastEvent]));

    expect(text).toContain('Claim CFTEXT00000000000001  NEEDS_REVIEW  owner CODER');
    expect(text).toContain('frequency 7 (replacement of a prior claim), REF*F8 SHP42');
    expect(text).toContain('Patient    Haddad, Omar, born 1985-04-12, member SB555');
    expect(text).toContain('1. J06.9  (confidence 93%)');
    expect(text).toContain('"acute upper respiratory infection" [dx.text]');
    expect(text).toContain('1. 99213-25 x1  $319.50  dx 1 (J06.9)');
    expect(text).toContain('manual (entered by a person)');
    expect(text).toContain('total $319.50');
    expect(text).toContain('v2 2026-11-23T12:00:00.000Z  CODED → NEEDS_REVIEW by coder:ana');
    expect(text).toMatch(/next: {2}Coder adds, removes or corrects the modifier/);
  });
});
