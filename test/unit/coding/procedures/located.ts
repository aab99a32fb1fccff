/**
 * A diagnosis coder for procedure specs that locates each fixed code's phrase in the note, as the real coder's text
 * evidence does: rules that read where a condition is written (one MDM problem per assessed condition) see it.
 */
import type { CodedDiagnosis, CodedEncounter } from '#core/coding/coded-encounter';
import type { DiagnosisCoder } from '#core/coding/diagnosis-port';
import { codeEncounterWith } from '#core/coding/index';
import { codeSets, config, type HeaderOptions, noteEncounter } from '../support.ts';

/** `[code, phrase]`: the phrase's first occurrence after the header becomes the diagnosis's evidence. */
export function locatedDiagnoses(pairs: readonly (readonly [string, string])[]): DiagnosisCoder {
  return (encounter) => {
    const text = encounter.noteText ?? '';
    const body = text.indexOf('\n\n');
    return {
      diagnoses: pairs.map(([code, phrase]): CodedDiagnosis => {
        const start = text.toLowerCase().indexOf(phrase.toLowerCase(), body);
        if (start < 0) throw new Error(`spec phrase not in the note: ${phrase}`);
        const end = start + phrase.length;
        return {
          code,
          confidence: 0.95,
          evidence: [{ kind: 'text', start, end, quote: text.slice(start, end), rule: 'spec.located' }],
          codeSetVersion: 'spec',
        };
      }),
      reviewReasons: [],
      excluded: [],
    };
  };
}

export function codeLocated(
  body: string,
  pairs: readonly (readonly [string, string])[],
  options: HeaderOptions = {},
): CodedEncounter {
  return codeEncounterWith(noteEncounter(body, options), { codeSets, config }, locatedDiagnoses(pairs));
}

/** The MDM grid the E/M line reports: "problems low, data minimal, risk moderate -> low". */
export function mdmOf(coded: CodedEncounter): string | undefined {
  const em = coded.lines.find((l) => /^992[01]\d$/.test(l.code));
  return em?.evidence.find((e) => e.rule === 'em.mdm')?.path?.replace(/^mdm: /, '');
}
