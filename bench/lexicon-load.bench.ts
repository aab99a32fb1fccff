/**
 * What the clinical lexicon costs a cold start: importing the lexicon module (reading the JSON data files,
 * validating them with zod and compiling their concepts) and building its phrase trie on first use, each measured
 * once in this fresh process, then the validation and compilation of the concept files alone repeated warm.
 * Run: `npm run bench -- lexicon-load`.
 */
import { performance } from 'node:perf_hooks';

const t0 = performance.now();
const lexiconModule = await import('#core/coding/lexicon/index');
const t1 = performance.now();
const lexicon = lexiconModule.clinicalLexicon();
const t2 = performance.now();

const { CONCEPT_FILES } = await import('#core/coding/lexicon/concepts');
const { compileConcept, parseConceptsFile } = await import('#core/coding/lexicon/concept-data');
const raw = CONCEPT_FILES.map((file) => JSON.parse(JSON.stringify(file)) as unknown);
const ROUNDS = 50;
const start = performance.now();
for (let round = 0; round < ROUNDS; round++)
  for (const [i, json] of raw.entries()) parseConceptsFile(`group-${i}`, json).concepts.map(compileConcept);
const warm = (performance.now() - start) / ROUNDS;

const concepts = lexiconModule.ALL_CONCEPTS.length;
process.stdout.write(
  [
    `lexicon module import (zod included, data validated and compiled): ${(t1 - t0).toFixed(1)} ms, ${concepts} concepts`,
    `phrase trie built on first use:                                   ${(t2 - t1).toFixed(1)} ms (${lexicon.concept('asthma') ? 'asthma found' : 'asthma MISSING'})`,
    `concept files validated and compiled again, warm:                  ${warm.toFixed(2)} ms per load (${ROUNDS} rounds)`,
    '',
  ].join('\n'),
);
