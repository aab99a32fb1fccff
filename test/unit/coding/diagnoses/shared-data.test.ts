import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { parseCsv } from '#core/documents/csv/rfc4180';
import { parseDocument } from '#core/documents/index';
import { parseClinicalNote } from '#core/documents/note/parse-note';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { codeSets, DATE } from './coding-note.ts';

describeWithSharedData('diagnosis coding of the MTSamples transcriptions', ['mtsamples'], () => {
  it('codes every transcription with evidence that quotes the note at its offsets', () => {
    const csv = parseCsv(readFileSync(sharedData('mtsamples', 'mtsamples_subset_401_timarbende.csv'), 'utf8'));
    if (!csv.ok) throw new Error(csv.message);
    const notes = csv.records.map((r) => r.cells[4] ?? '').filter((text) => text.trim() !== '');
    let coded = 0;
    for (const [i, text] of notes.entries()) {
      const parsed = parseClinicalNote(text, { key: `mtsample-${i}` });
      if (!parsed.ok) continue;
      const coding = codeDiagnoses(parsed.encounters[0]!, { codeSets, date: DATE });
      if (coding.diagnoses.length > 0) coded += 1;
      for (const item of coding.diagnoses.flatMap((d) => d.evidence))
        if (item.kind === 'text') expect(text.slice(item.start, item.end)).toBe(item.quote);
      for (const item of coding.excluded) expect(text.slice(item.start, item.end)).toBe(item.text);
    }
    expect(notes.length).toBeGreaterThan(300);
    expect(coded).toBeGreaterThan(30);
  });
});

describeWithSharedData('diagnosis coding of the Synthea bundles', ['synthea', 'r4'], () => {
  it('codes SNOMED CT conditions from their text with the Condition as evidence, never a code from nowhere', () => {
    const dir = sharedData('synthea', 'r4');
    let diagnoses = 0;
    for (const file of readdirSync(dir)) {
      const parsed = parseDocument(readFileSync(`${dir}/${file}`), { key: file });
      if (!parsed.ok) continue;
      for (const encounter of parsed.encounters) {
        const coding = codeDiagnoses(encounter, { codeSets, date: encounter.dateOfService ?? DATE });
        for (const diagnosis of coding.diagnoses) {
          diagnoses += 1;
          for (const item of diagnosis.evidence) {
            expect(item.kind).toBe('field');
            expect(encounter.diagnoses.some((source) => source.location.path === item.path)).toBe(true);
          }
        }
      }
    }
    expect(diagnoses).toBeGreaterThan(20);
  });
});
