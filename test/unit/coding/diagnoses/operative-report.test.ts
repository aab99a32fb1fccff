/**
 * Operative reports as transcription services write them (headings in capitals, line breaks often flattened to
 * commas), read against the full FY2018 release: the postoperative diagnosis is the one established, "Same" there
 * confirms the preoperative one, and the report's own headings are headings, never diagnoses.
 */
import { beforeAll, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { encounterOf } from './coding-note.ts';

const DATE = '2018-03-01';
let codeSets: CodeSets;

/** An operative report with its line breaks flattened to commas, as in many exported transcriptions. */
function report(parts: { pre: string; post: string; operation?: [string, string] }): string {
  const [heading, body] = parts.operation ?? ['PROCEDURE', '1. Repair.'];
  return [
    'Date of service: 03/01/2018',
    `PREOPERATIVE DIAGNOSIS:,  ${parts.pre},POSTOPERATIVE DIAGNOSIS:,  ${parts.post},${heading}:,${body},ANESTHESIA: , General.,ESTIMATED BLOOD LOSS: , Minimal.`,
  ].join('\n');
}

const codesOf = (text: string) =>
  codeDiagnoses(encounterOf(text), { codeSets, date: DATE }).diagnoses.map((d) => `${d.code}`);

describeWithSharedData('operative reports with the full FY2018 release', ['icd10cm', '2018'], () => {
  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);

  it('reads "Same" as the postoperative diagnosis as the preoperative diagnosis confirmed, never as words to code', () => {
    for (const same of ['Same.', 'Same as above.', 'Same as preoperative diagnosis.', 'Same as pre-op.']) {
      expect(codesOf(report({ pre: 'Right knee osteoarthritis.', post: same }))).toEqual(['M17.11']);
    }
  });

  it('codes the postoperative diagnosis, not the preoperative one, when the surgeon wrote a different one', () => {
    expect(codesOf(report({ pre: 'Right knee osteoarthritis.', post: 'Acute appendicitis.' }))).not.toContain('M17.11');
  });

  it("reads an operative report's own headings as headings: OPERATIONS and SURGERY are not diagnoses", () => {
    const operations = codesOf(
      report({
        pre: 'Right knee osteoarthritis.',
        post: 'Same.',
        operation: ['OPERATIONS', '1. Right total knee arthroplasty.'],
      }),
    );
    expect(operations).toEqual(['M17.11']);
    const surgery = codesOf(
      report({
        pre: 'Right knee osteoarthritis.',
        post: 'Same.',
        operation: ['SURGERY', 'Right total knee arthroplasty.'],
      }),
    );
    expect(surgery).toEqual(['M17.11']);
  });
});
