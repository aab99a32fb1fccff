/** Specificity read from a mention's sentence: laterality, acuity, exacerbation, CKD stage, episode of care. */
import type { Token } from '#core/coding/text/tokenize';
import type { Laterality, Modifiers } from './concept.ts';

const STAGES: Record<string, string> = {
  '1': '1',
  i: '1',
  '2': '2',
  ii: '2',
  '3': '3',
  iii: '3',
  '3a': '3a',
  iiia: '3a',
  '3b': '3b',
  iiib: '3b',
  '4': '4',
  iv: '4',
  '5': '5',
  v: '5',
};

/** Only words that say it: a "follow up in 2 weeks" in the plan is not a subsequent encounter. */
const SUBSEQUENT = ['subsequent', 'healing'];
const SEQUELA = ['sequela', 'sequelae'];
const NEGATING = new Set(['no', 'not', 'without', 'denies', 'nor']);

function stageOf(tokens: readonly Token[], from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const norm = tokens[i]!.norm;
    const glued = /^ckd(\d[ab]?)$/.exec(norm);
    if (glued) return STAGES[glued[1]!];
    // `CKD 3a`: the stage follows the abbreviation (expanded to "chronic kidney disease") or the word "stage".
    const afterCkd = tokens[i]!.abbreviation === 'ckd' && tokens[i + 1]?.abbreviation !== 'ckd';
    if (norm === 'stage' || norm === 'ckd' || afterCkd) {
      const next = tokens[i + 1]?.norm;
      const stage = next === undefined ? undefined : STAGES[next];
      if (stage && i + 1 < to) {
        // "stage 3 a" written apart
        const letter = tokens[i + 2]?.norm;
        if (stage === '3' && (letter === 'a' || letter === 'b') && i + 2 < to) return `3${letter}`;
        return stage;
      }
    }
  }
  return undefined;
}

/** The sentence's normalized words, space-padded: what `has(modifiers, words)` searches. */
export function sentenceText(tokens: readonly Token[]): string {
  let text = ' ';
  for (const token of tokens) text += `${token.norm} `;
  return text;
}

/**
 * Modifiers of a mention: laterality, acuity, exacerbation, stage and episode from its clause (`tokens[from, to)`,
 * between the neighbouring mentions, so "right knee pain and left shoulder pain" gives each its side); `text` is the
 * whole sentence, for the words a concept's resolver looks for ("poorly controlled", a joint).
 */
export function readModifiers(tokens: readonly Token[], from: number, to: number, text: string): Modifiers {
  let right = false;
  let left = false;
  let bilateral = false;
  let acute = false;
  let chronic = false;
  let exacerbation = false;
  let episode: Modifiers['episode'] = 'A';
  for (let i = from; i < to; i++) {
    const norm = tokens[i]!.norm;
    if (norm === 'right' || norm === 'rt') right = true;
    else if (norm === 'left' || norm === 'lt') left = true;
    else if (norm === 'bilateral' || norm === 'bilaterally' || norm === 'both') bilateral = true;
    else if (norm === 'acute' || norm === 'acutely') acute = true;
    else if (norm === 'chronic') chronic = true;
    else if (norm === 'exacerbation' || norm === 'exacerbations' || norm === 'flare' || norm === 'exacerbated')
      // "no exacerbation", "without exacerbation", "not in exacerbation" say the opposite.
      exacerbation ||= !NEGATING.has(tokens[i - 1]?.norm ?? '') && !NEGATING.has(tokens[i - 2]?.norm ?? '');
    else if (SEQUELA.includes(norm)) episode = 'S';
    else if (episode === 'A' && SUBSEQUENT.includes(norm)) episode = 'D';
  }
  const laterality: Laterality | undefined =
    bilateral || (right && left) ? 'bilateral' : right ? 'right' : left ? 'left' : undefined;
  const stage = stageOf(tokens, from, to);
  return {
    ...(laterality ? { laterality } : {}),
    acute,
    chronic,
    exacerbation,
    ...(stage ? { stage } : {}),
    episode,
    text,
  };
}
