import { describe, expect, it } from 'vitest';
import { classifyAdjustment, classifyClaimStatus, classifySyntaxError } from '#core/denials/classify';
import { denialMapping } from '#core/denials/mapping';

describe('classifyAdjustment: an 835 CAS group + CARC (+ RARCs) becomes a category, an owner and a next action', () => {
  it('CO-45 is a contractual write-off nobody works', () => {
    const result = classifyAdjustment('CO', '45');
    expect(result).toMatchObject({ category: 'contractual', owner: 'NONE', denial: false, known: true });
    expect(result.patientMayBeBilled).toBe(false);
  });

  it.each([
    ['1', 'deductible'],
    ['2', 'coinsurance'],
    ['3', 'copay'],
  ])('PR-%s (%s) is the patient share, billed to the patient', (reason) => {
    expect(classifyAdjustment('PR', reason)).toMatchObject({
      category: 'patient_responsibility',
      owner: 'PATIENT',
      denial: false,
      patientMayBeBilled: true,
    });
  });

  it.each([
    ['4', 'modifier', 'CODER'],
    ['11', 'coding_error', 'CODER'],
    ['97', 'bundling', 'CODER'],
    ['236', 'bundling', 'CODER'],
    ['50', 'medical_necessity', 'CODER'],
    ['27', 'eligibility', 'BILLER'],
    ['31', 'member_id', 'BILLER'],
    ['197', 'authorization', 'BILLER'],
    ['29', 'timely_filing', 'BILLER'],
    ['18', 'duplicate', 'BILLER'],
    ['22', 'coordination_of_benefits', 'BILLER'],
    ['109', 'wrong_payer', 'BILLER'],
    ['204', 'non_covered', 'BILLER'],
    ['252', 'documentation', 'BILLER'],
  ])('CO-%s is a %s denial owned by the %s', (reason, category, owner) => {
    const result = classifyAdjustment('CO', reason);
    expect(result).toMatchObject({ category, owner, denial: true, known: true });
    expect(result.action.length).toBeGreaterThan(20);
  });

  it('CO-16 is refined by its remark code: M51 makes it a coding error for the coder', () => {
    const result = classifyAdjustment('CO', '16', ['N1', 'M51']);
    expect(result).toMatchObject({ category: 'coding_error', owner: 'CODER', refinedBy: 'M51' });
    expect(result.summary).toContain('M51');
  });

  it('CO-16 with N382 is a member id problem for the biller; alerts never refine', () => {
    expect(classifyAdjustment('CO', '16', ['N382'])).toMatchObject({ category: 'member_id', owner: 'BILLER' });
    expect(classifyAdjustment('CO', '16', ['MA01'])).toMatchObject({ category: 'missing_information' });
    expect(classifyAdjustment('CO', '16', ['MA01']).refinedBy).toBeUndefined();
  });

  it('a specific CARC is not overridden by a remark code', () => {
    expect(classifyAdjustment('CO', '97', ['M76'])).toMatchObject({ category: 'bundling' });
  });

  it('PR with a denial reason still moves the amount to the patient (PR-204: not covered, patient liable)', () => {
    const result = classifyAdjustment('PR', '204');
    expect(result).toMatchObject({
      category: 'non_covered',
      owner: 'PATIENT',
      denial: false,
      patientMayBeBilled: true,
    });
    expect(result.action).toContain('Bill the patient');
  });

  it('OA-23 (the prior payer already settled it) needs no work', () => {
    expect(classifyAdjustment('OA', '23')).toMatchObject({
      category: 'payment_adjustment',
      owner: 'NONE',
      denial: false,
    });
  });

  it('CR adjustments are reversals', () => {
    expect(classifyAdjustment('CR', '18')).toMatchObject({ category: 'reversal', denial: false });
  });

  it('an unmapped CARC or group is kept, flagged unknown and routed to the biller', () => {
    const result = classifyAdjustment('CO', '999', ['ZZ99']);
    expect(result).toMatchObject({ category: 'unknown', owner: 'BILLER', known: false, denial: true });
    expect(result.reasonDescription).toBe('Unmapped adjustment reason 999');
    expect(result.remarks).toEqual([
      { code: 'ZZ99', description: 'Unmapped remark code ZZ99', alert: false, known: false },
    ]);
    expect(classifyAdjustment('XX', '45').known).toBe(false);
  });

  it('every classification names the mapping version that produced it', () => {
    expect(classifyAdjustment('CO', '45').mappingVersion).toBe(denialMapping().version);
  });
});

describe('classifyClaimStatus: a 277CA STC category:status:entity', () => {
  it('A2:20 is accepted, nothing to do', () => {
    expect(classifyClaimStatus({ category: 'A2', status: '20' })).toMatchObject({
      disposition: 'accepted',
      category: 'accepted',
      owner: 'NONE',
      denial: false,
    });
  });

  it('A1:19 is received but not accepted yet: the payer acts next', () => {
    expect(classifyClaimStatus({ category: 'A1', status: '19', entity: 'PR' })).toMatchObject({
      disposition: 'acknowledged',
      owner: 'PAYER',
    });
  });

  it('A7:562:85 is a rejection for the billing provider NPI, with a reason a biller understands', () => {
    const result = classifyClaimStatus({ category: 'A7', status: '562', entity: '85' });
    expect(result).toMatchObject({ disposition: 'rejected', category: 'provider_eligibility', owner: 'BILLER' });
    expect(result.reason).toBe(
      "Rejected for invalid information: Entity's National Provider Identifier (NPI) (Billing provider)",
    );
    expect(result.action).toContain('NPPES');
  });

  it('A7:454 (procedure code) goes to the coder', () => {
    expect(classifyClaimStatus({ category: 'A7', status: '454' })).toMatchObject({
      disposition: 'rejected',
      category: 'coding_error',
      owner: 'CODER',
    });
  });

  it('A6:164:IL (member number) goes to the biller as a member id problem', () => {
    expect(classifyClaimStatus({ category: 'A6', status: '164', entity: 'IL' })).toMatchObject({
      category: 'member_id',
      owner: 'BILLER',
    });
  });

  it('a generic status (21) takes the category of the STC category instead', () => {
    expect(classifyClaimStatus({ category: 'A3', status: '21' })).toMatchObject({
      disposition: 'rejected',
      category: 'missing_information',
    });
  });

  it('an unknown category is treated as a rejection for a person to read, never a silent wait', () => {
    expect(classifyClaimStatus({ category: 'Z9', status: '20' })).toMatchObject({
      disposition: 'rejected',
      known: false,
      owner: 'BILLER',
    });
  });
});

describe('classifySyntaxError: 999 IK3/IK4/IK5/AK9 codes', () => {
  it('IK403 7 (invalid code value) is a data correction for the biller', () => {
    expect(classifySyntaxError('element', '7')).toMatchObject({
      category: 'missing_information',
      owner: 'BILLER',
      description: 'Invalid code value',
      known: true,
    });
  });

  it('IK304 8 (segment has element errors) is a syntax error', () => {
    expect(classifySyntaxError('segment', '8')).toMatchObject({ category: 'syntax_error', owner: 'BILLER' });
  });

  it('an unmapped code is still a syntax error the biller owns', () => {
    expect(classifySyntaxError('group', '99')).toMatchObject({
      category: 'syntax_error',
      known: false,
      owner: 'BILLER',
    });
  });
});
