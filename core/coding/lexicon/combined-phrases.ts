/**
 * One phrase naming two conditions the classification combines ("diabetic CKD" is diabetes and chronic kidney
 * disease), as data (`data/combined-phrases.json`, validated here when the lexicon loads): the phrase gives both
 * concepts, and diagnoses/combinations.ts makes the combination code from them.
 */
import { z } from 'zod';
import { lexiconWords, parseLexiconFile } from './concept-data.ts';
import combinedFile from './data/combined-phrases.json' with { type: 'json' };

export const combinedPhrasesFileSchema = z
  .object({
    combinedFormat: z.literal(1),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    combined: z
      .array(
        z
          .object({
            concepts: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(2),
            phrases: z.array(lexiconWords).min(1),
            source: z.string().min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type CombinedPhrasesFile = z.infer<typeof combinedPhrasesFileSchema>;

export function parseCombinedPhrases(json: unknown): CombinedPhrasesFile {
  return parseLexiconFile(combinedPhrasesFileSchema, json, 'combined-phrases.json');
}

export const COMBINED_PHRASES = parseCombinedPhrases(combinedFile);
