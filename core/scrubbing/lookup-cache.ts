/**
 * Memoized code set lookups for the edits. A practice bills the same few hundred codes claim after claim, so the same
 * NCCI pairs, MUE rows and ICD-10-CM notes are asked for again and again; each answer comes from a binary search in
 * the compiled tables (several microseconds on a full-size PTP table), and the cache turns repeats into one Map read.
 * One cache per CodeSets instance (kept in a WeakMap, so it goes away with the code sets), bounded: a cache that
 * reaches its size is cleared, which keeps memory flat however many distinct codes pass through.
 */
import type { CodeSets } from '#core/codesets/index';
import type { IsoDate } from '#core/documents/encounter';

const MAX_ENTRIES = 100_000;

function memo<A extends unknown[], R>(lookup: (...args: A) => R): (...args: A) => R {
  const answers = new Map<string, R>();
  return (...args: A): R => {
    const key = args.join('\u0000');
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as R;
    const answer = lookup(...args);
    if (answers.size >= MAX_ENTRIES) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}

/** The subset of CodeSets the edits read, memoized. Answers are shared: callers must not mutate them. */
export interface ScrubLookups {
  releaseFor: CodeSets['releaseFor'];
  icd10cm: Pick<
    CodeSets['icd10cm'],
    | 'isValid'
    | 'isBillable'
    | 'title'
    | 'parents'
    | 'children'
    | 'notes'
    | 'excludes'
    | 'seventhCharacter'
    | 'demographics'
  >;
  hcpcs: Pick<CodeSets['hcpcs'], 'lookup'>;
  cpt: Pick<CodeSets['cpt'], 'isValid' | 'isWellFormed'>;
  ncci: CodeSets['ncci'];
}

function build(codeSets: CodeSets): ScrubLookups {
  const { icd10cm, hcpcs, cpt, ncci } = codeSets;
  return {
    releaseFor: memo((kind, date: IsoDate) => codeSets.releaseFor(kind, date)),
    icd10cm: {
      isValid: memo((code: string, date: IsoDate) => icd10cm.isValid(code, date)),
      isBillable: memo((code: string, date: IsoDate) => icd10cm.isBillable(code, date)),
      title: memo((code: string, date: IsoDate) => icd10cm.title(code, date)),
      parents: memo((code: string, date: IsoDate) => icd10cm.parents(code, date)),
      children: memo((code: string, date: IsoDate) => icd10cm.children(code, date)),
      notes: memo((code: string, date: IsoDate) => icd10cm.notes(code, date)),
      excludes: memo((code: string, date: IsoDate) => icd10cm.excludes(code, date)),
      seventhCharacter: memo((code: string, date: IsoDate) => icd10cm.seventhCharacter(code, date)),
      demographics: memo((code: string) => icd10cm.demographics(code)),
    },
    hcpcs: { lookup: memo((code: string, date: IsoDate) => hcpcs.lookup(code, date)) },
    cpt: {
      isValid: memo((code: string, date: IsoDate) => cpt.isValid(code, date)),
      isWellFormed: (code: string) => cpt.isWellFormed(code),
    },
    ncci: {
      ptp: memo((a: string, b: string, date: IsoDate) => ncci.ptp(a, b, date)),
      mue: memo((code: string, date: IsoDate) => ncci.mue(code, date)),
    },
  };
}

const caches = new WeakMap<CodeSets, ScrubLookups>();

export function scrubLookups(codeSets: CodeSets): ScrubLookups {
  let lookups = caches.get(codeSets);
  if (!lookups) {
    lookups = build(codeSets);
    caches.set(codeSets, lookups);
  }
  return lookups;
}
