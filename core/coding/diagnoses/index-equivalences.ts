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

const phrase = z.string().regex(/^[a-z]+(?: [a-z]+)*$/, 'lower-case words separated by single spaces');

const phraseSchema = z
  .object({
    written: phrase,
    /** What the phrase reads as; words in a closing parenthesis are nonessential, as the Index prints them. */
    reads: z
      .string()
      .regex(
        /^[a-z]+(?: [a-z]+)*(?: \([a-z]+(?: [a-z]+)*\))?$/,
        'lower-case words separated by single spaces, nonessential words last in parentheses',
      ),
    source: z.string().min(10),
  })
  .strict()
  // One word read as one word is an equivalence (read after plural and possessive are folded, with its stem); a
  // phrase of one word is for a word the tabular says in several ("keloid" is L91.0 "hypertrophic scar").
  .refine((entry) => entry.written.includes(' ') || entry.reads.includes(' '), {
    message: 'two words or more, or one word read as several (one word read as one is an equivalence)',
    path: ['written'],
  });

export const indexEquivalencesFileSchema = z
  .object({
    equivalencesFormat: z.literal(1),
    description: z.string().min(1),
    sources: z.array(z.string().min(1)).min(1),
    equivalences: z.array(equivalenceSchema).min(1),
    phrases: z.array(phraseSchema),
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

/** A text with every written phrase of the file replaced by what it reads as (whole words, any case). */
export type PhraseReader = (text: string) => string;

/** An optional possessive after a phrase's word. */
const POSSESSIVE = "(?:['’]s)?";
/** An optional possessive or plural after a phrase's last word ("keloids", "history of falls"). */
const LAST_WORD_ENDING = "(?:['’]?s)?";

/**
 * The phrases of a file as one reader: longest phrase first, words matched whole and in any case, each written
 * phrase listed once. Linear in the text (one alternation of literals).
 */
export function compilePhrases(json: unknown): PhraseReader {
  const parsed = parseFile(json);
  const reads = new Map<string, string>();
  for (const [i, entry] of parsed.phrases.entries()) {
    if (reads.has(entry.written))
      throw new IndexEquivalencesDataError(`phrases.${i}.written: "${entry.written}" is listed twice`);
    reads.set(entry.written, entry.reads);
  }
  if (reads.size === 0) return (text) => text;
  // A word may be written possessive ("Hodgkin's disease", "Huntington's chorea"), as the Index prints eponyms, and
  // two words may be joined by a hyphen ("After-cataract"). A phrase is never part of a hyphenated word:
  // "gastro-esophageal reflux" is not "esophageal reflux" after "gastro".
  const alternation = [...reads.keys()]
    .sort((a, b) => b.length - a.length)
    .map((written) => written.split(' ').join(`${POSSESSIVE}(?:\\s+|-)`) + LAST_WORD_ENDING)
    .join('|');
  const pattern = new RegExp(`(?<![\\w-])(?:${alternation})(?![\\w-])`, 'gi');
  return (text) =>
    text.replace(pattern, (found) => {
      const written = found
        .toLowerCase()
        .replace(/['’]s\b/g, '')
        .replace(/[\s-]+/g, ' ');
      // A plural "s" the written phrase does not end in.
      return reads.get(written) ?? reads.get(written.slice(0, -1)) ?? found;
    });
}

function parseFile(json: unknown): z.infer<typeof indexEquivalencesFileSchema> {
  const parsed = indexEquivalencesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new IndexEquivalencesDataError(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The equivalences of a file by written word. A word may be listed once, and no word may be read as a word that is
 * itself read as another (one step, so the reading cannot depend on order).
 */
export function compileIndexEquivalences(json: unknown): ReadonlyMap<string, IndexEquivalence> {
  const byWord = new Map<string, IndexEquivalence>();
  for (const [i, entry] of parseFile(json).equivalences.entries()) {
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

/** The phrases in force: "allergy status" is read as "personal history of allergy", on both sides of a match. */
export const readIndexPhrases = compilePhrases(equivalencesFile);
