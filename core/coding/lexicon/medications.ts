/**
 * Medications that lead to long-term drug therapy codes (Z79) when the condition they treat is coded, as data
 * (`data/medications.json`, validated here when the lexicon loads): each class with its code, the fiscal year it
 * came in, its names as written and its sources. Which code goes with which condition (guideline I.C.4.a.3: with
 * type 2 diabetes on insulin and an oral drug, both Z79.4 and Z79.84; with type 1, insulin use is implied and Z79.4
 * is not coded) is diagnoses/combinations.ts.
 */
import { z } from 'zod';
import { icd10cmCode, lexiconWords, parseLexiconFile } from './concept-data.ts';
import medicationsFile from './data/medications.json' with { type: 'json' };

export type MedicationClass = 'insulin' | 'oral-hypoglycemic' | 'injectable-antidiabetic' | 'anticoagulant';
const CLASSES = ['insulin', 'oral-hypoglycemic', 'injectable-antidiabetic', 'anticoagulant'] as const;

const medicationClassSchema = z
  .object({
    id: z.enum(CLASSES),
    code: icd10cmCode,
    fromYear: z.number().int().min(2016),
    toYear: z.number().int().min(2016).optional(),
    phrases: z.array(lexiconWords).min(1),
    sources: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const medicationsFileSchema = z
  .object({
    medicationsFormat: z.literal(1),
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    classes: z.array(medicationClassSchema).length(CLASSES.length),
  })
  .strict()
  .refine((file) => new Set(file.classes.map((c) => c.id)).size === CLASSES.length, {
    message: 'every medication class appears exactly once',
  });

export type MedicationsFile = z.infer<typeof medicationsFileSchema>;

export function parseMedications(json: unknown): MedicationsFile {
  return parseLexiconFile(medicationsFileSchema, json, 'medications.json');
}

export const MEDICATIONS = parseMedications(medicationsFile);

type MedicationEntry = MedicationsFile['classes'][number];

/** One value per class, keyed in the classes' order (the file holds each exactly once: the schema says so). */
function byClass<T>(pick: (entry: MedicationEntry) => T): Record<MedicationClass, T> {
  const of = (id: MedicationClass) => pick(MEDICATIONS.classes.find((entry) => entry.id === id)!);
  return {
    insulin: of('insulin'),
    'oral-hypoglycemic': of('oral-hypoglycemic'),
    'injectable-antidiabetic': of('injectable-antidiabetic'),
    anticoagulant: of('anticoagulant'),
  };
}

export const MEDICATION_CODES: Record<MedicationClass, string> = byClass((entry) => entry.code);
export const MEDICATION_PHRASES: Record<MedicationClass, readonly string[]> = byClass((entry) => entry.phrases);
