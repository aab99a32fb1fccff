/**
 * The Table of Neoplasms as titles of the release (release-titles.ts with core/codesets/icd10cm/table-titles.ts):
 * a site the tabular title words differently reaches its code through the table's row, and only a code the loaded
 * release has billable is proposed.
 */
import { beforeAll, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { foldWord, termsOf } from '#core/coding/diagnoses/release-terms';
import { matchTitle, releaseTitleIndex } from '#core/coding/diagnoses/release-titles';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { encounterOf, noteOf } from './coding-note.ts';

const DATE = '2018-03-01';

describeWithSharedData(
  'Table of Neoplasms rows and written forms the titles spell out, FY2018 release',
  ['icd10cm', '2025'],
  () => {
    let codeSets: CodeSets;
    const codesOf = (assessment: string[]) =>
      codeDiagnoses(encounterOf(noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`)), {
        codeSets,
        date: DATE,
      }).diagnoses.map((d) => `${d.code}${d.confidence >= AUTO_CODE_MIN_CONFIDENCE ? '' : ' (review)'}`);

    beforeAll(() => {
      codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
    }, 60_000);

    it('codes a site the table names ("urinary" nonessential, "labia majora") to the table\'s code, with confidence', () => {
      expect(codesOf(['1. Malignant neoplasm of the urinary bladder dome.'])).toEqual(['C67.1']);
      expect(codesOf(['1. Benign neoplasm of labia majora.'])).toEqual(['D28.0']);
    });

    it('reads a genus written as its initial as the genus the titles name before that species', () => {
      const index = releaseTitleIndex(codeSets, DATE)!;
      expect(index.genera.get('e coli')).toBe(foldWord('Escherichia'));
      expect(matchTitle(index, termsOf('Enterotoxigenic E. coli infection'))).toMatchObject({
        code: 'A04.1',
        unaccounted: [],
      });
      // A letter before a negated word is a type, not a genus: "hepatitis C without hepatic coma".
      expect(matchTitle(index, termsOf('Viral hepatitis C without hepatic coma'))?.code).toBe('B19.20');
    });

    it('reads an unknown "post-" word as the condition it follows, when the release knows that word', () => {
      const index = releaseTitleIndex(codeSets, DATE)!;
      expect(matchTitle(index, termsOf('Postmeasles encephalitis'))).toMatchObject({ code: 'B05.0', unknown: [] });
      expect(matchTitle(index, termsOf('Postherpetic polyneuropathy'))?.code).toBe('B02.23');
    });

    it('proposes only codes the release in effect has billable', () => {
      const index = releaseTitleIndex(codeSets, DATE)!;
      const billable = new Set(
        codeSets.icd10cm
          .allCodes(DATE)
          .filter((c) => c.billable)
          .map((c) => c.display),
      );
      expect(index.entries.every((entry) => billable.has(entry.code))).toBe(true);
      expect(matchTitle(index, termsOf('Malignant neoplasm of dome of urinary bladder'))?.code).toBe('C67.1');
    });
  },
);
