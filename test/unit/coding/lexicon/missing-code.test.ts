/**
 * A code the loaded release lacks is never silently dropped: for every concept of the lexicon's data, written alone
 * in an assessment and coded with a release that lacks every code the concept can emit, the visit goes to review
 * with a reason naming one of the concept's codes and the release. A fallback the data marks less specific is
 * coded with a reason naming the code the documentation supports and the release that lacks it.
 */
import { describe, expect, it } from 'vitest';
import { CONCEPT_FILES } from '#core/coding/lexicon/concepts';
import { codeNote, releaseWithout } from '../diagnoses/coding-note.ts';

const RELEASE = 'icd10cm-starter';

describe('a code the release lacks', () => {
  const concepts = CONCEPT_FILES.flatMap((file) => file.concepts).filter((concept) => concept.phrases.length > 0);

  it.each(concepts.map((concept) => [concept.id, concept] as const))(
    '%s: goes to review naming the code and the release',
    (_id, concept) => {
      const codes = concept.codes.map((c) => c.code);
      const coding = codeNote({ assessment: [`1. ${concept.phrases[0]}.`] }, releaseWithout(codes));
      expect(coding.diagnoses.map((d) => d.code).filter((code) => codes.includes(code))).toEqual([]);
      const named = coding.reviewReasons.filter(
        (reason) => reason.message.includes(RELEASE) && codes.some((code) => reason.message.includes(code)),
      );
      expect(named.map((reason) => reason.category)).toContain('unsupported_code');
    },
  );

  it('codes a less specific fallback only with a reason naming the documented code and the release', () => {
    const coding = codeNote({ assessment: ['1. CKD stage 3a.'] }, releaseWithout(['N18.31', 'N18.3']));
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['N18.9']);
    const reason = coding.reviewReasons.find((r) => r.category === 'low_confidence_coding');
    expect(reason?.message).toContain(`N18.31 is not billable in ${RELEASE}`);
  });
});
