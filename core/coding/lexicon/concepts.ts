/**
 * The hand-written concepts of the lexicon, one data file per group (`data/concepts-<group>.json`), validated and
 * compiled when this module loads (once per process: a Lambda cold start pays it once, see
 * bench/lexicon-load.bench.ts). A bad file fails loudly, naming the file, the entry's id and the field.
 */

import type { ConceptDefinition } from './concept.ts';
import { type ConceptsFile, compileConcept, parseConceptsFile } from './concept-data.ts';
import acute from './data/concepts-acute.json' with { type: 'json' };
import chronic from './data/concepts-chronic.json' with { type: 'json' };
import factors from './data/concepts-factors.json' with { type: 'json' };
import mindNerves from './data/concepts-mind-nerves.json' with { type: 'json' };
import musculoskeletal from './data/concepts-musculoskeletal.json' with { type: 'json' };
import symptoms from './data/concepts-symptoms.json' with { type: 'json' };

/** The groups in the order the lexicon has always added them to its phrase trie. */
export const CONCEPT_FILES: readonly ConceptsFile[] = [
  parseConceptsFile('concepts-chronic.json', chronic),
  parseConceptsFile('concepts-acute.json', acute),
  parseConceptsFile('concepts-musculoskeletal.json', musculoskeletal),
  parseConceptsFile('concepts-mind-nerves.json', mindNerves),
  parseConceptsFile('concepts-symptoms.json', symptoms),
  parseConceptsFile('concepts-factors.json', factors),
];

export const HAND_CONCEPTS: readonly ConceptDefinition[] = CONCEPT_FILES.flatMap((file) =>
  file.concepts.map(compileConcept),
);
