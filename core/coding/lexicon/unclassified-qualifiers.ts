/**
 * Numbered qualifiers ICD-10-CM does not subdivide by, as data (`data/unclassified-qualifiers.json`, validated when
 * the module loads): "stage 2 hypertension" is I10 and "NYHA class III heart failure" an I50 code with nothing
 * missing, while "Obesity, class 2" coded E66.9 leaves the class unsaid (E66.812 from FY2025). The diagnosis coder
 * lowers the confidence of a code whose title does not say a class, stage, grade or type the statement writes
 * (core/coding/diagnoses/qualifiers.ts) unless an entry here says the classification ignores that number for the
 * code's category.
 */
import { z } from 'zod';
import { parseLexiconFile } from './concept-data.ts';
import file from './data/unclassified-qualifiers.json' with { type: 'json' };

export const QUALIFIER_WORDS = ['class', 'stage', 'grade', 'type'] as const;
export type QualifierWord = (typeof QUALIFIER_WORDS)[number];

const category = z.string().regex(/^[A-Z]\d[0-9A-Z]$/, 'a three-character ICD-10-CM category (I50)');

const entrySchema = z
  .object({
    word: z.enum(QUALIFIER_WORDS),
    categories: z
      .array(z.tuple([category, category]).refine(([from, to]) => from <= to, { message: 'a range runs upwards' }))
      .min(1),
    source: z.string().min(1),
  })
  .strict();

export const unclassifiedQualifiersSchema = z
  .object({
    qualifiersFormat: z.literal(1),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    title: z.string().min(1),
    description: z.string().min(1),
    entries: z.array(entrySchema).min(1),
  })
  .strict();

export type UnclassifiedQualifiers = z.infer<typeof unclassifiedQualifiersSchema>;

export function parseUnclassifiedQualifiers(json: unknown): UnclassifiedQualifiers {
  return parseLexiconFile(unclassifiedQualifiersSchema, json, 'unclassified-qualifiers.json');
}

export const UNCLASSIFIED_QUALIFIERS = parseUnclassifiedQualifiers(file);

/** The classification does not subdivide the code's category by this qualifier word. */
export function isUnclassifiedQualifier(
  word: QualifierWord,
  code: string,
  table: UnclassifiedQualifiers = UNCLASSIFIED_QUALIFIERS,
): boolean {
  const of = code.replace('.', '').slice(0, 3).toUpperCase();
  return table.entries.some(
    (entry) => entry.word === word && entry.categories.some(([from, to]) => of >= from && of <= to),
  );
}
