/** The coders' review page is the data: docs/coding/lexicon.md equals what `npm run docs:lexicon` generates. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMBINED_PHRASES } from '#core/coding/lexicon/combined-phrases';
import { CONCEPT_FILES } from '#core/coding/lexicon/concepts';
import { lexiconPage } from '#core/coding/lexicon/lexicon-page';
import { MEDICATIONS } from '#core/coding/lexicon/medications';
import { LEXICON_PAGE } from '../../../../scripts/generate-lexicon-pages.ts';

describe("the lexicon's review pages", () => {
  it('docs/coding/lexicon.md is generated from the concept files (regenerate with npm run docs:lexicon)', () => {
    expect(readFileSync(LEXICON_PAGE, 'utf8')).toBe(lexiconPage(CONCEPT_FILES, MEDICATIONS, COMBINED_PHRASES));
  });

  it('shows every concept with its codes, their fiscal years, and how the sentence chooses them', () => {
    const page = lexiconPage(CONCEPT_FILES, MEDICATIONS, COMBINED_PHRASES);
    for (const file of CONCEPT_FILES) for (const concept of file.concepts) expect(page).toContain(`| ${concept.id} |`);
    expect(page).toContain('N18.30 FY2021-');
    expect(page).toContain('N18.3 FY2016-FY2020');
    expect(page).toMatch(/\| ckd \|.*if stage 3: N18\.30, else N18\.3, else N18\.9 \(less specific: review\)/);
  });
});
