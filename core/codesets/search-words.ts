/**
 * How index terms and search queries are cut into words, shared by the bundle compiler (which builds the word index)
 * and the lookup (which reads it), so both sides agree: lowercase, split on anything not a letter or digit, drop
 * filler words, and fold plurals ("fractures" finds "fracture").
 */
const FILLER = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

function fold(word: string): string {
  return word.length > 4 && word.endsWith('s') && !/(ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
}

/** Distinct search words of a text, in order of first appearance. */
export function searchWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLER.has(w))
    .map(fold);
  return [...new Set(words)];
}
