import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEditCatalogue } from '#core/scrubbing/catalogue-markdown';
import { CATALOGUE } from '#core/scrubbing/index';

describe('docs/edits.md', () => {
  it('is exactly what the generator writes from the edit definitions (run `npm run docs:edits` after a change)', () => {
    const committed = readFileSync(new URL('../../../docs/edits.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderEditCatalogue());
  });

  it('lists every edit once', () => {
    const rendered = renderEditCatalogue();
    for (const entry of CATALOGUE) expect(rendered.split(`| \`${entry.id}\` |`).length - 1, entry.id).toBe(1);
  });

  it('changes when an edit definition changes', () => {
    const [first, ...rest] = CATALOGUE;
    const changed = renderEditCatalogue([{ ...first!, checks: 'Something else entirely, for this test.' }, ...rest]);
    expect(changed).not.toBe(renderEditCatalogue());
  });
});
