/**
 * "Use additional code" notes of the Tabular List for statuses a note may state outside its assessment, as data
 * (`data/use-additional-codes.json`, validated when the module loads). I25 (chronic ischemic heart disease), J44,
 * C34 and others say "use additional code to identify ... history of tobacco dependence (Z87.891), tobacco
 * dependence (F17.-), tobacco use (Z72.0)": a former smoker with coronary artery disease is I25.10 + Z87.891 even
 * when "quit smoking" is written in the history and not in the assessment (core/coding/diagnoses/combinations.ts).
 */
import { z } from 'zod';
import { icd10cmCode, parseLexiconFile } from './concept-data.ts';
import file from './data/use-additional-codes.json' with { type: 'json' };

const category = z.string().regex(/^[A-Z]\d[0-9A-Z]$/, 'a three-character ICD-10-CM category (I25)');
const codeOrCategory = z.string().regex(/^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{0,3})?$/, 'an ICD-10-CM code or category');

const placeSchema = z
  .object({
    /** An inclusive range of categories (chapter, block, category), or one subcategory and the codes below it. */
    codes: z.union([
      z.tuple([category, category]).refine(([from, to]) => from <= to, { message: 'a range runs upwards' }),
      z.tuple([icd10cmCode]),
    ]),
    source: z.string().min(1),
  })
  .strict();

const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The note as the Tabular List writes it. */
    note: z.string().min(1),
    /** The codes the note names (a category stands for its codes): one of them coded already, nothing is added. */
    names: z.array(codeOrCategory).min(1),
    /** Lexicon concepts whose statements give the additional code. */
    concepts: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1),
    under: z.array(placeSchema).min(1),
  })
  .strict();

export const useAdditionalCodesSchema = z
  .object({
    useAdditionalFormat: z.literal(1),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    title: z.string().min(1),
    description: z.string().min(1),
    entries: z.array(entrySchema).min(1),
  })
  .strict();

export type UseAdditionalCodes = z.infer<typeof useAdditionalCodesSchema>;
export type UseAdditionalEntry = UseAdditionalCodes['entries'][number];

export function parseUseAdditionalCodes(json: unknown): UseAdditionalCodes {
  return parseLexiconFile(useAdditionalCodesSchema, json, 'use-additional-codes.json');
}

export const USE_ADDITIONAL_CODES = parseUseAdditionalCodes(file);

const undotted = (code: string) => code.replace('.', '').toUpperCase();

/** The code falls under one of the places the entry's note is written. */
export function isUnderNote(entry: UseAdditionalEntry, code: string): boolean {
  const plain = undotted(code);
  const of = plain.slice(0, 3);
  return entry.under.some(({ codes }) =>
    codes.length === 2 ? of >= codes[0] && of <= codes[1] : plain.startsWith(undotted(codes[0])),
  );
}

/** The code is one the note names (Z87.891, or any F17 code for "F17.-"). */
export function isNamedByNote(entry: UseAdditionalEntry, code: string): boolean {
  const plain = undotted(code);
  return entry.names.some((named) => plain.startsWith(undotted(named)));
}
