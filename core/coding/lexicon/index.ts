/**
 * The compiled clinical lexicon: every concept phrase, combined phrase (`diabetic CKD` is two concepts) and
 * medication name in one phrase trie, built once per process. Matching a sentence is then one pass over its
 * tokens, whatever the size of the lexicon or of the code set release.
 */
import { MAX_SKIPS, PhraseTrie } from '#core/coding/text/phrase-trie';
import { PhraseGate, phraseWords } from '#core/coding/text/tokenize';
import { COMBINED_PHRASES } from './combined-phrases.ts';
import type { ConceptDefinition } from './concept.ts';
import { HAND_CONCEPTS } from './concepts.ts';
import { FIRST_LISTED_REASONS } from './encounter-reasons.ts';
import { MEDICATION_PHRASES, type MedicationClass } from './medications.ts';
import { STATUS_HISTORY_CONCEPTS } from './status-history.ts';
import { USE_ADDITIONAL_CODES } from './use-additional-codes.ts';

export type { CodeChoice, ConceptDefinition, ConceptKind, Modifiers } from './concept.ts';
export { FIRST_LISTED_REASONS, GENERAL_EXAM_CONCEPT, GYNECOLOGIC_EXAM_CONCEPT } from './encounter-reasons.ts';
export { MEDICATION_CODES, type MedicationClass } from './medications.ts';
export { readModifiers, sentenceText } from './modifiers.ts';

export type LexiconEntry =
  | { kind: 'concepts'; concepts: readonly ConceptDefinition[]; phrase: string }
  | { kind: 'medication'; medication: MedicationClass; phrase: string };

/** Words a phrase may step over ("pain in the right knee" matches "pain in knee"). */
const SKIPPABLE = [
  'the',
  'a',
  'an',
  'her',
  'his',
  'their',
  'right',
  'left',
  'bilateral',
  'both',
  'rt',
  'lt',
  'mild',
  'moderate',
  'severe',
  'acute',
  'chronic',
];

export const ALL_CONCEPTS: readonly ConceptDefinition[] = [...HAND_CONCEPTS, ...STATUS_HISTORY_CONCEPTS];

export interface ClinicalLexicon {
  trie: PhraseTrie<LexiconEntry>;
  /** Where a phrase of the trie may start in a text, found without tokens (most sentences hold none). */
  gate: PhraseGate;
  concept(id: string): ConceptDefinition | undefined;
}

function compile(): ClinicalLexicon {
  const trie = new PhraseTrie<LexiconEntry>(SKIPPABLE);
  // Every phrase's words as the trie holds them, for the gate.
  const everyPhrase: string[][] = [];
  const add = (words: string[], entry: LexiconEntry) => {
    trie.add(words, entry);
    everyPhrase.push(words);
  };
  const byId = new Map<string, ConceptDefinition>();
  for (const concept of ALL_CONCEPTS) {
    if (byId.has(concept.id)) throw new Error(`clinical lexicon: concept id "${concept.id}" is defined twice`);
    byId.set(concept.id, concept);
    for (const phrase of concept.phrases) add(phraseWords(phrase), { kind: 'concepts', concepts: [concept], phrase });
  }
  for (const combined of COMBINED_PHRASES.combined) {
    const concepts = combined.concepts.map((id) => {
      const concept = byId.get(id);
      if (!concept) throw new Error(`clinical lexicon: combined phrase names unknown concept "${id}"`);
      return concept;
    });
    for (const phrase of combined.phrases) add(phraseWords(phrase), { kind: 'concepts', concepts, phrase });
  }
  for (const entry of USE_ADDITIONAL_CODES.entries)
    for (const id of entry.concepts)
      if (!byId.has(id))
        throw new Error(`clinical lexicon: use-additional-code "${entry.id}" names unknown concept "${id}"`);
  for (const id of FIRST_LISTED_REASONS)
    if (!byId.has(id)) throw new Error(`clinical lexicon: first-listed encounter reason "${id}" is not a concept`);
  for (const [medication, phrases] of Object.entries(MEDICATION_PHRASES) as [MedicationClass, readonly string[]][])
    for (const phrase of phrases) add(phraseWords(phrase), { kind: 'medication', medication, phrase });
  return { trie, gate: new PhraseGate(everyPhrase, SKIPPABLE, MAX_SKIPS), concept: (id) => byId.get(id) };
}

let lexicon: ClinicalLexicon | undefined;

/** The lexicon, compiled on first use and shared by every later call in the process. */
export function clinicalLexicon(): ClinicalLexicon {
  lexicon ??= compile();
  return lexicon;
}
