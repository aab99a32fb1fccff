/**
 * Reading an InferICD10CM response is linear in the note: a long note (up to comprehendMedical.maxCharacters) with an
 * entity on every line costs about the same work per entity at any length, counted, not timed
 * (test/support/work-counter.ts). Each entity's sentence, and whether our lexicon read its span, is looked up, not
 * found by splitting the whole note or scanning every span again.
 */
import { describe, expect, it } from 'vitest';
import type { Icd10CmInference } from '#core/coding/comprehend/icd10cm-inference';
import { readComprehendResponse } from '#core/coding/comprehend/infer-icd10cm';
import { countWork } from '#test/support/work-counter';

/** An assessment of `count` numbered items, each a condition the service finds, and its response. */
function noteWith(count: number): {
  text: string;
  response: Icd10CmInference;
  readSpans: { start: number; end: number }[];
} {
  const lines = ['ASSESSMENT:'];
  for (let i = 0; i < count; i++) lines.push(`${i + 1}. Acid regurgitation after meals, item ${i}.`);
  const text = `${lines.join('\n')}\n`;
  const entities = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const at = text.indexOf('Acid regurgitation', from);
    from = at + 1;
    entities.push({
      Id: i,
      Text: 'Acid regurgitation',
      Category: 'MEDICAL_CONDITION',
      Type: 'DX_NAME',
      Score: 0.99,
      BeginOffset: at,
      EndOffset: at + 18,
      Traits: [{ Name: 'SYMPTOM', Score: 0.6 }],
      ICD10CMConcepts: [{ Code: 'K21.9', Description: 'GERD', Score: 0.97 }],
    });
  }
  // What our lexicon read: a span on every line beside the entity ("item N"), so each entity is checked against all.
  const readSpans = [...text.matchAll(/item \d+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return { text, response: { Entities: entities, ModelVersion: '0.1.0' }, readSpans };
}

function workPerEntity(count: number): number {
  const { text, response, readSpans } = noteWith(count);
  let findings = 0;
  const { units } = countWork(() => {
    findings = readComprehendResponse({ response, text, sections: [], readSpans }).findings.length;
  });
  expect(findings).toBe(count);
  return units / count;
}

describe('reading an InferICD10CM response as the note grows', () => {
  it('does about the same work per entity for 100 and 400 entities (a 20,000-character note)', () => {
    workPerEntity(1); // builds the lexicon's code index once, outside the counts compared
    const small = workPerEntity(100);
    const large = workPerEntity(400);
    expect(large).toBeLessThan(small * 1.5);
  });
});
