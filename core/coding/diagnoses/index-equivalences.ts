/**
 * Words the ICD-10-CM Alphabetic Index equates with the word the tabular titles use (`data/index-equivalences.json`,
 * validated when this module loads): "hyperpotassemia" is read as "hyperkalemia", "anomaly" as "malformation" with
 * "congenital" nonessential. The title match (release-terms.ts) reads both sides through them, so a statement in the
 * Index's words meets the title in the tabular's. Each entry names its Index source; none comes from a mapping file.
 */
import { z } from 'zod';
import equivalencesFile from './data/index-equivalences.json' with { type: 'json' };

const word = z.string().regex(/^[a-z]+$/, 'one lower-case word');

const equivalenceSchema = z
  .object({
    word,
    reads: word,
    nonessential: z.array(word),
    source: z.string().min(10),
  })
  .strict();

export const indexEquivalencesFileSchema = z
  .object({
    equivalencesFormat: z.literal(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    equivalences: z.array(equivalenceSchema).min(1),
  })
  .strict();

export class IndexEquivalencesDataError extends Error {
  constructor(message: string) {
    super(`Index equivalences (core/coding/diagnoses/data/index-equivalences.json): ${message}`);
    this.name = 'IndexEquivalencesDataError';
  }
}

export interface IndexEquivalence {
  /** The title's word the written word is read as. */
  reads: string;
  /** Words the Index prints in parentheses after the main term: said when the title says them, never required. */
  nonessential: readonly string[];
}

/**
 * The equivalences of a file by written word. A word may be listed once, and no word may be read as a word that is
 * itself read as another (one step, so the reading cannot depend on order).
 */
export function compileIndexEquivalences(json: unknown): ReadonlyMap<string, IndexEquivalence> {
  const parsed = indexEquivalencesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IndexEquivalencesDataError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const byWord = new Map<string, IndexEquivalence>();
  for (const [i, entry] of parsed.data.equivalences.entries()) {
    if (byWord.has(entry.word))
      throw new IndexEquivalencesDataError(`equivalences.${i}.word: "${entry.word}" is listed twice`);
    if (entry.reads === entry.word)
      throw new IndexEquivalencesDataError(`equivalences.${i}.reads: "${entry.word}" is read as itself`);
    byWord.set(entry.word, { reads: entry.reads, nonessential: entry.nonessential });
  }
  for (const [written, { reads }] of byWord)
    if (byWord.has(reads))
      throw new IndexEquivalencesDataError(`"${written}" is read as "${reads}", which is itself read as another word`);
  return byWord;
}

/** The equivalences in force, by written word (lower case, plural and possessive dropped). */
export const INDEX_EQUIVALENCES = compileIndexEquivalences(equivalencesFile);
