import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeListed, InvalidPayerRulesError, parsePayerRuleSet, payerRulesFrom } from '#core/scrubbing/payer-rules';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { cleanClaim, idsOf, sampleConfig, scrub } from './support/scrub-setup.ts';

const shipped = (id: string) =>
  JSON.parse(readFileSync(new URL(`../../../config/payer-rules/${id}.json`, import.meta.url), 'utf8'));

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('payer rules files', () => {
  it('validates both shipped rules files, with their version and effective date', () => {
    for (const id of ['sandbox-health-plan', 'medicare-part-b']) {
      const rules = parsePayerRuleSet(shipped(id), `${id}.json`);
      expect(rules).toMatchObject({ rulesId: id, version: '2026.1', effectiveFrom: '2026-01-01' });
    }
  });

  it('refuses a file with a malformed code, naming the path of the problem', () => {
    const json = shipped('medicare-part-b');
    json.codeSubstitutions[0].to = 'G08';
    expect(() => parsePayerRuleSet(json, 'medicare-part-b.json')).toThrow(
      /medicare-part-b\.json are invalid:\n {2}codeSubstitutions\.0\.to: a code is 5 characters/,
    );
  });

  it('refuses unknown keys, so a misspelt rule list is not silently ignored', () => {
    const json = { ...shipped('sandbox-health-plan'), priorAuthRequired: [] };
    expect(() => parsePayerRuleSet(json, 'x.json')).toThrow(InvalidPayerRulesError);
  });

  it('refuses a rule id used twice', () => {
    const json = shipped('sandbox-health-plan');
    json.nonCovered[0].id = 'prior-auth-advanced-imaging';
    expect(() => parsePayerRuleSet(json, 'x.json')).toThrow('rule id "prior-auth-advanced-imaging" is used twice');
  });

  it('refuses a range that ends before it starts', () => {
    const json = shipped('sandbox-health-plan');
    json.nonCovered[0].codes = ['97814-97810'];
    expect(() => parsePayerRuleSet(json, 'x.json')).toThrow(
      'range non-covered-acupuncture: 97814-97810 ends before it starts',
    );
  });

  it('matches codes and inclusive ranges', () => {
    expect(codeListed('70450', ['70450-70553'])).toBe(true);
    expect(codeListed('70553', ['70450-70553'])).toBe(true);
    expect(codeListed('70554', ['70450-70553'])).toBe(false);
    expect(codeListed('93350', ['93000-93010', '93350'])).toBe(true);
  });

  it('answers the version in effect on the date of service', () => {
    const v1 = parsePayerRuleSet(shipped('sandbox-health-plan'), 'v1');
    const v2 = parsePayerRuleSet(
      { ...shipped('sandbox-health-plan'), version: '2027.1', effectiveFrom: '2027-01-01' },
      'v2',
    );
    const rules = payerRulesFrom([v2, v1]);
    expect(rules.rulesFor('sandbox-health-plan', '2025-12-31')).toBeUndefined();
    expect(rules.rulesFor('sandbox-health-plan', '2026-06-01')?.version).toBe('2026.1');
    expect(rules.rulesFor('sandbox-health-plan', '2027-01-01')?.version).toBe('2027.1');
  });

  it('refuses a rules file whose name is not its rules id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimflow-payer-rules-'));
    temporary.push(dir);
    writeFileSync(join(dir, 'sandbox.json'), JSON.stringify(shipped('sandbox-health-plan')));
    expect(() => loadPayerRulesDirectory(dir)).toThrow(/must be named sandbox-health-plan\.json/);
  });
});

describe('payer rule edits', () => {
  it('cites the rules file, its version and the rule id', async () => {
    const claim = { ...cleanClaim(), diagnoses: ['I10'] };
    claim.lines = [{ code: '93000', chargeCents: 4500, diagnosisPointers: [1], serviceDate: '2026-11-02' }];
    claim.totalChargeCents = 4500;
    const finding = (await scrub(claim)).findings.find((f) => f.id === 'PAYER-REFERRING-PROVIDER');
    expect(finding?.source).toMatch(
      /^Payer rules sandbox-health-plan v2026\.1 \(effective 2026-01-01\), rule referral-diagnostic-cardiology/,
    );
    expect(finding?.owner).toBe('BILLER');
  });

  it('warns when the payer names a rules file that is not loaded, and runs no payer edit', async () => {
    const claim = { ...cleanClaim(), diagnoses: ['I10'] };
    claim.lines = [{ code: '93000', chargeCents: 4500, diagnosisPointers: [1], serviceDate: '2026-11-02' }];
    claim.totalChargeCents = 4500;
    const { findings } = await scrub(claim, { payerRules: payerRulesFrom([]) });
    expect(idsOf(findings, 'warning')).toEqual(['PAYER-RULES-UNAVAILABLE']);
    expect(findings.find((f) => f.id === 'PAYER-RULES-UNAVAILABLE')?.message).toContain('not loaded');
    expect(idsOf(findings)).toEqual([]);
  });

  it('warns when the loaded rules are not yet in effect on the date of service', async () => {
    const later = parsePayerRuleSet({ ...shipped('sandbox-health-plan'), effectiveFrom: '2027-01-01' }, 'later');
    const { findings } = await scrub(cleanClaim(), { payerRules: payerRulesFrom([later]) });
    expect(findings.find((f) => f.id === 'PAYER-RULES-UNAVAILABLE')?.message).toContain(
      'no version in effect on 2026-11-02',
    );
  });

  it('raises no payer finding for a payer configured without a rules id', async () => {
    const config = sampleConfig();
    config.payers = config.payers.map(({ rulesId: _, ...payer }) => payer);
    const { findings } = await scrub(cleanClaim(), { config, payerRules: payerRulesFrom([]) });
    expect(findings).toEqual([]);
  });
});
