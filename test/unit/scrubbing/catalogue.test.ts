import { describe, expect, it } from 'vitest';
import { CATALOGUE, scrubClaim } from '#core/scrubbing/index';
import { InMemoryPriorClaims } from '#core/scrubbing/prior-claims';
import { readCorpus } from './support/corpus.ts';
import { testPorts, toClaim } from './support/scrub-setup.ts';

/** Warnings are fired and not fired by name in warning-edits.test.ts; the corpus holds errors and repairs. */
const WARNINGS_TESTED_ELSEWHERE = ['PROC-CODE-UNVERIFIED', 'CODESET-RELEASE-MISSING', 'PAYER-RULES-UNAVAILABLE'];
/**
 * Builder checks no corpus claim can raise alone (x12-edits.test.ts raises them): PLACE-OF-SERVICE is stricter than
 * the builder's place of service check, and the read-back fails only on a configuration the corpus does not use.
 */
const X12_TESTED_ELSEWHERE = ['X12-PLACE-OF-SERVICE', 'X12-READBACK'];

describe('the edit catalogue', () => {
  it('describes every edit: checks, source, example', () => {
    for (const entry of CATALOGUE) {
      expect(entry.id, entry.id).toMatch(/^[A-Z0-9]+(-[A-Z0-9]+)+$/);
      expect(entry.checks.length, entry.id).toBeGreaterThan(20);
      expect(entry.source.length, entry.id).toBeGreaterThan(10);
      expect(entry.example.length, entry.id).toBeGreaterThan(5);
    }
  });

  it('has a broken claim for every error and repair, and names its warnings', () => {
    const fired = new Set(readCorpus('broken').map((entry) => entry.expect));
    const untested = CATALOGUE.filter(
      (entry) =>
        !fired.has(entry.id) &&
        !WARNINGS_TESTED_ELSEWHERE.includes(entry.id) &&
        !X12_TESTED_ELSEWHERE.includes(entry.id),
    );
    expect(untested.map((entry) => entry.id)).toEqual([]);
    expect(
      CATALOGUE.filter((entry) => WARNINGS_TESTED_ELSEWHERE.includes(entry.id)).every((e) => e.severity === 'warning'),
    ).toBe(true);
  });

  it('gives each finding the severity, owner and id of the edit that raised it', async () => {
    const byId = new Map(CATALOGUE.map((entry) => [entry.id, entry]));
    for (const entry of readCorpus('broken')) {
      const { claim, coded } = toClaim(entry.claim);
      const priorClaims = new InMemoryPriorClaims((entry.priorClaims ?? []).map((p) => toClaim(p).claim));
      const { findings } = await scrubClaim(claim, coded, testPorts({ priorClaims }));
      for (const finding of findings) {
        const definition = byId.get(finding.id);
        expect(definition, finding.id).toBeDefined();
        expect([finding.severity, finding.owner], `${entry.file}: ${finding.id}`).toEqual([
          definition?.severity,
          definition?.owner,
        ]);
        expect(finding.message.length).toBeGreaterThan(10);
        expect(finding.field.length).toBeGreaterThan(1);
      }
    }
  });
});
