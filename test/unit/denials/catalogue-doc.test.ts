import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDenialCatalogue } from '#core/denials/catalogue-markdown';
import { BUNDLED_MAPPING_FILES, denialMapping, loadDenialMapping } from '#core/denials/mapping';

describe('docs/denials.md', () => {
  it('is exactly what the generator writes from the mapping data (run `npm run docs:denials` after a change)', () => {
    const committed = readFileSync(new URL('../../../docs/denials.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderDenialCatalogue());
  });

  it('lists every CARC once', () => {
    const rendered = renderDenialCatalogue();
    for (const code of denialMapping().carc.keys()) {
      expect(rendered.includes(`\n| ${code} |`), `CARC ${code}`).toBe(true);
    }
  });

  it('changes when the data changes', () => {
    const carc = structuredClone(BUNDLED_MAPPING_FILES.carc) as { entries: { action?: string }[] };
    carc.entries[0]!.action = 'Something else entirely, for this test.';
    expect(renderDenialCatalogue(loadDenialMapping({ ...BUNDLED_MAPPING_FILES, carc }))).not.toBe(
      renderDenialCatalogue(),
    );
  });
});
