/**
 * Keyword gates: a cheap necessary condition for a regular expression, so the rules that scan every sentence of a
 * note with a long alternation of names ("ceftriaxone|rocephin|...") run it only where one of its words is there.
 *
 * The literals are derived from the pattern's own source (never written by hand beside it, so they cannot drift):
 * every match of the pattern starts with one of them. A text without any of them, lower-cased, cannot match. The
 * derivation is conservative: a pattern it cannot read to the end (a character range at a match's start, a
 * back-reference, the `u` or `v` flag, an escape it does not know) gets no gate and always runs.
 *
 * Lower-casing is safe for the `i` flag without `u`: such a pattern matches an ASCII letter only in its two cases,
 * and `toLowerCase` maps both to the lower one; a text whose lower-cased form changes length is never gated.
 */

/** Most strings a part of a pattern may spell out before it is read as "anything" (bounded work at load). */
const MAX_SET = 256;
/** Most literals a part of a pattern keeps: past that, shorter ones (fewer look-ups per note). */
const MAX_LITERALS = 8;

type Node =
  | { kind: 'alt'; options: Node[][] }
  | { kind: 'chars'; chars: string[] | undefined } // one character; undefined: too many to list
  | { kind: 'empty' } // zero width: ^, $, lookarounds, \B
  | { kind: 'boundary' } // \b
  | { kind: 'repeat'; node: Node; min: number; max: number }
  | { kind: 'opaque' }; // matches something this reader does not spell out

class Unreadable extends Error {}

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const LITERAL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

function parse(source: string): Node[][] {
  let at = 0;
  const escaped = (): string => {
    const c = source[at++];
    if (c === undefined) throw new Unreadable();
    if (c in LITERAL_ESCAPES) return LITERAL_ESCAPES[c]!;
    if (/[\\/^$.*+?()[\]{}|\-'’ ]/.test(c)) return c;
    throw new Unreadable();
  };
  const classAt = (): Node => {
    // After '['.
    const chars: string[] = [];
    let negated = false;
    let readable = true;
    if (source[at] === '^') {
      negated = true;
      at += 1;
    }
    for (;;) {
      const c = source[at++];
      if (c === undefined) throw new Unreadable();
      if (c === ']') break; // also first: `[]` matches nothing
      let char: string;
      if (c === '\\') {
        if (CLASS_ESCAPES.has(source[at]!) || source[at] === 'b') {
          at += 1;
          readable = false;
          continue;
        }
        char = escaped();
      } else char = c;
      if (source[at] === '-' && source[at + 1] !== ']' && source[at + 1] !== undefined) {
        // A range: read its end, too many characters to list.
        at += 1;
        if (source[at++] === '\\') escaped();
        readable = false;
        continue;
      }
      chars.push(char);
    }
    return { kind: 'chars', chars: readable && !negated ? chars : undefined };
  };
  const sequence = (): Node[][] => {
    const options: Node[][] = [[]];
    while (at < source.length) {
      const c = source[at]!;
      if (c === ')') return options;
      at += 1;
      let node: Node;
      if (c === '|') {
        options.push([]);
        continue;
      } else if (c === '(') {
        let zeroWidth = false;
        if (source[at] === '?') {
          const kind = source.slice(at, at + 3);
          if (kind.startsWith('?:')) at += 2;
          else if (kind.startsWith('?=') || kind.startsWith('?!')) {
            at += 2;
            zeroWidth = true;
          } else if (kind === '?<=' || kind === '?<!') {
            at += 3;
            zeroWidth = true;
          } else if (kind.startsWith('?<')) {
            const close = source.indexOf('>', at);
            if (close < 0) throw new Unreadable();
            at = close + 1;
          } else throw new Unreadable();
        }
        const inner = sequence();
        if (source[at++] !== ')') throw new Unreadable();
        node = zeroWidth ? { kind: 'empty' } : { kind: 'alt', options: inner };
      } else if (c === '[') node = classAt();
      else if (c === '^' || c === '$') node = { kind: 'empty' };
      else if (c === '.') node = { kind: 'chars', chars: undefined };
      else if (c === '\\') {
        const e = source[at]!;
        if (e === 'b' || e === 'B') {
          at += 1;
          node = { kind: e === 'b' ? 'boundary' : 'empty' };
        } else if (CLASS_ESCAPES.has(e)) {
          at += 1;
          node = { kind: 'chars', chars: undefined };
        } else if (/[1-9k]/.test(e)) throw new Unreadable();
        else node = { kind: 'chars', chars: [escaped()] };
      } else if ('*+?{'.includes(c)) throw new Unreadable();
      else node = { kind: 'chars', chars: [c] };
      // Quantifier.
      const q = source[at];
      let min = 1;
      let max = 1;
      if (q === '?' || q === '*' || q === '+') {
        at += 1;
        min = q === '+' ? 1 : 0;
        max = q === '?' ? 1 : Number.POSITIVE_INFINITY;
      } else if (q === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at));
        if (!m) throw new Unreadable();
        at += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      }
      if (min !== 1 || max !== 1) {
        if (source[at] === '?') at += 1; // lazy: the same strings
        node = { kind: 'repeat', node, min, max };
      }
      options.at(-1)!.push(node);
    }
    return options;
  };
  const options = sequence();
  if (at !== source.length) throw new Unreadable();
  return options;
}

/** Every string the node can match, when there are few enough to list. */
function exact(node: Node): Set<string> | undefined {
  switch (node.kind) {
    case 'empty':
    case 'boundary':
      return new Set(['']);
    case 'opaque':
      return undefined;
    case 'chars':
      return node.chars ? new Set(node.chars) : undefined;
    case 'alt': {
      const all = new Set<string>();
      for (const option of node.options) {
        const strings = exactSequence(option);
        if (!strings) return undefined;
        for (const s of strings) all.add(s);
        if (all.size > MAX_SET) return undefined;
      }
      return all;
    }
    case 'repeat': {
      if (!Number.isFinite(node.max) || node.max > 4) return undefined;
      const inner = exact(node.node);
      if (!inner) return undefined;
      let all = new Set<string>(node.min === 0 ? [''] : []);
      let power = new Set(['']);
      for (let n = 1; n <= node.max; n++) {
        power = product(power, inner);
        if (power.size > MAX_SET) return undefined;
        if (n >= node.min) all = new Set([...all, ...power]);
      }
      return all.size > MAX_SET ? undefined : all;
    }
  }
}

function exactSequence(nodes: readonly Node[]): Set<string> | undefined {
  let strings = new Set(['']);
  for (const node of nodes) {
    const next = exact(node);
    if (!next) return undefined;
    strings = product(strings, next);
    if (strings.size > MAX_SET) return undefined;
  }
  return strings;
}

function product(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

/** Strings one of which starts every match of the node ('' among them: nothing is known). */
function prefixes(node: Node): Set<string> {
  const strings = exact(node);
  if (strings && (strings.size <= MAX_LITERALS || node.kind !== 'alt')) return strings;
  if (node.kind === 'alt') {
    const all = new Set<string>();
    for (const option of node.options) for (const s of prefixesOfSequence(option)) all.add(s);
    return all;
  }
  if (node.kind === 'repeat' && node.min >= 1) return prefixes(node.node);
  return new Set(['']);
}

function prefixesOfSequence(nodes: readonly Node[]): Set<string> {
  let strings = new Set(['']);
  for (const node of nodes) {
    // Past MAX_LITERALS, the shorter strings so far; but while a match may have spelled nothing yet (''), go on.
    const limit = strings.has('') ? MAX_SET : MAX_LITERALS;
    const next = exact(node);
    // A long list of alternatives is better read by what each starts with (prefixes below, capped per option).
    if (next && (next.size <= MAX_LITERALS || node.kind !== 'alt')) {
      const extended = product(strings, next);
      if (extended.size <= limit) {
        strings = extended;
        continue;
      }
    }
    const extended = product(strings, prefixes(node));
    return extended.size > limit ? strings : extended;
  }
  return strings;
}

/** Whether every match of the nodes starts at a word boundary (`\b` before anything that consumes text). */
function startsAtBoundary(nodes: readonly Node[]): boolean {
  for (const node of nodes) {
    if (node.kind === 'boundary') return true;
    if (node.kind === 'empty') continue;
    if (node.kind === 'alt') return node.options.every(startsAtBoundary);
    return false;
  }
  return false;
}

const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;

/** Index key of two lower-case ASCII characters; -1 when either is not ASCII (no literal starts there). */
const keyOf = (first: number, second: number) => (first < 128 && second < 128 ? first * 128 + second : -1);

/** Longest literal a gate keeps (occurrences are packed as start * MAX_LENGTH + length). */
const MAX_LENGTH = 4096;

export interface KeywordGate {
  pattern: RegExp;
  /** Lower-case ASCII literals one of which starts every match; undefined: no gate, the pattern always runs. */
  literals: string[] | undefined;
  /** Every match starts at a word boundary and every literal with a word character: only word starts count. */
  wordStart: boolean;
  /** Index of a word-start gate among all made so far (WORD_START_GATES); -1 for the others. */
  id: number;
}

/**
 * Every word-start gate made so far. The rules make theirs once, when their modules load, and a note is asked
 * about nearly all of them: a text finds the literals of all of them in one scan of its word starts.
 */
const WORD_START_GATES: KeywordGate[] = [];

/** A gate's literal, filed under its first two characters (and its third when it has one). */
interface KeyedLiteral {
  gate: number;
  literal: string;
}

/** The literals that start with one pair of characters. */
interface LiteralsStartingWith {
  /** The two-character literals that are that pair. */
  two: KeyedLiteral[];
  /** Longer literals by their third character (ASCII code): the few a word start must compare. */
  byThird: (KeyedLiteral[] | undefined)[];
}

interface KeyedLiterals {
  /** How many gates WORD_START_GATES held when these were built (built again when a gate has been made since). */
  gates: number;
  /**
   * By keyOf of a literal's first two characters; undefined for a pair no literal starts with (most word starts).
   * Plain arrays indexed by character codes: a word start costs one or two loads, no hashing.
   */
  byPair: (LiteralsStartingWith | undefined)[];
  /**
   * A non-word character before any of the literals (global, `\W(?=...)`): one native scan of the text finds the
   * word starts where a literal begins, instead of a JavaScript loop over every character, and `test` leaves
   * `lastIndex` at the word start without building a match array; byPair then says which literals begin there.
   * `\W` rather than `\b(?=...)`: the engine tries a character class at each place faster than a word boundary
   * (1.3x on MTSamples). All literals start with a word character, so a word start is just that.
   */
  literalAfterNonWord: RegExp;
  /** The same literals at the start of the text, the one word start with no character before it. */
  literalAtStart: RegExp;
}

/** A literal's characters, escaped for a regular expression source. */
const escapeLiteral = (literal: string) => literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

interface TrieNode {
  next: Map<string, TrieNode>;
  /** A literal ends here: a longer one adds no position to find. */
  ends: boolean;
}

/**
 * The alternation of literals as a source factored by common prefixes ("ab(?:c|d)" for "abc" and "abd"), which the
 * regular expression engine tries faster than a flat list of hundreds (about 1.1x, measured on MTSamples).
 */
function alternationOf(literals: readonly string[]): string {
  const root: TrieNode = { next: new Map(), ends: false };
  for (const literal of literals) {
    let node = root;
    for (const char of literal) {
      let child = node.next.get(char);
      if (!child) {
        child = { next: new Map(), ends: false };
        node.next.set(char, child);
      }
      node = child;
    }
    node.ends = true;
  }
  const source = (node: TrieNode): string => {
    if (node.ends) return '';
    const options = [...node.next].map(([char, child]) => escapeLiteral(char) + source(child));
    return options.length === 1 ? options[0]! : `(?:${options.join('|')})`;
  };
  return source(root);
}

let keyed: KeyedLiterals | undefined;

function keyedLiterals(): KeyedLiterals {
  if (keyed?.gates === WORD_START_GATES.length) return keyed;
  const byPair: (LiteralsStartingWith | undefined)[] = new Array(128 * 128).fill(undefined);
  for (const gate of WORD_START_GATES)
    for (const literal of gate.literals!) {
      const pair = keyOf(literal.charCodeAt(0), literal.charCodeAt(1));
      let entry = byPair[pair];
      if (!entry) {
        entry = { two: [], byThird: new Array(128).fill(undefined) };
        byPair[pair] = entry;
      }
      if (literal.length === 2) entry.two.push({ gate: gate.id, literal });
      else {
        const third = literal.charCodeAt(2);
        const list = entry.byThird[third];
        if (list) list.push({ gate: gate.id, literal });
        else entry.byThird[third] = [{ gate: gate.id, literal }];
      }
    }
  const literals = WORD_START_GATES.flatMap((gate) => gate.literals!);
  // No gate yet: a pattern that never matches.
  const any = literals.length > 0 ? `(?=${alternationOf(literals)})` : '[]';
  keyed = {
    gates: WORD_START_GATES.length,
    byPair,
    literalAfterNonWord: new RegExp(`\\W${any}`, 'g'),
    literalAtStart: new RegExp(`^${any}`),
  };
  return keyed;
}

/** The gate of each pattern already read: deriving the literals parses the pattern; a pattern is read once. */
const GATES = new WeakMap<RegExp, KeywordGate>();

/**
 * The gate of a pattern: the literals one of which every match starts with, or none when the pattern has a match
 * this reader cannot vouch for.
 */
export function keywordGate(pattern: RegExp): KeywordGate {
  let gate = GATES.get(pattern);
  if (!gate) {
    gate = deriveGate(pattern);
    if (gate.wordStart) {
      gate.id = WORD_START_GATES.length;
      WORD_START_GATES.push(gate);
    }
    GATES.set(pattern, gate);
  }
  return gate;
}

function deriveGate(pattern: RegExp): KeywordGate {
  const none: KeywordGate = { pattern, literals: undefined, wordStart: false, id: -1 };
  // A global or sticky pattern keeps state between calls: skipping one would change the next.
  if (pattern.unicode || pattern.flags.includes('v') || pattern.global || pattern.sticky) return none;
  let options: Node[][];
  try {
    options = parse(pattern.source);
  } catch (error) {
    if (error instanceof Unreadable) return none;
    throw error;
  }
  const found = prefixes({ kind: 'alt', options });
  // Two characters at least: a word start looks its literals up by their first two (or three) characters.
  if ([...found].some((s) => s.length < 2 || s.length >= MAX_LENGTH || !/^[\x20-\x7e\t\n\r]+$/.test(s))) return none;
  // Lower-cased whether or not the pattern ignores case: a text that holds a literal holds it lower-cased too.
  const sorted = [...new Set([...found].map((s) => s.toLowerCase()))].sort((a, b) => a.length - b.length);
  const wordStart = options.every(startsAtBoundary) && sorted.every((s) => /^\w/.test(s));
  // A literal that starts with another adds nothing: the shorter one is found wherever the longer one is.
  const literals = sorted.filter((s, i) => !sorted.slice(0, i).some((shorter) => s.startsWith(shorter)));
  return { pattern, literals, wordStart, id: -1 };
}

const NONE_FOUND: readonly number[] = [];

function addTo(lists: number[][], gate: number, packed: number): void {
  const list = lists[gate];
  if (list) list.push(packed);
  else lists[gate] = [packed];
}

/**
 * A text's lower-cased form and where each gate's literals occur in it, found once per text, so that asking about
 * each of a note's sentences costs a binary search. The literals of all word-start gates are found together, in
 * one scan of the text for the word starts where any of them begins, each then looked up by its first characters
 * (keyedLiterals); other gates walk the text with `indexOf` once per literal.
 */
export class GatedText {
  private readonly lower: string | undefined;
  private readonly found = new Map<KeywordGate, readonly number[]>();
  /** Occurrences of each word-start gate's literals, by gate id (those made when the pass ran). */
  private atWordStarts: (readonly number[])[] = [];

  constructor(readonly text: string) {
    const lower = text.toLowerCase();
    // Offsets and word characters must line up with the text's: U+0130 lower-cases to two code units, and the
    // Kelvin sign (not a word character) to "k".
    this.lower = lower.length === text.length && !text.includes('\u212a') ? lower : undefined;
  }

  /**
   * One native scan for the word starts where some literal begins (literalAfterNonWord): every word-start gate's
   * literals, packed (start * MAX_LENGTH + length), ascending (at one start at most one literal of a gate matches:
   * none of a gate's literals starts with another).
   */
  private findAtWordStarts(lower: string): void {
    const { byPair, literalAfterNonWord, literalAtStart } = keyedLiterals();
    const lists: number[][] = [];
    const addAt = (i: number) => {
      const entry = byPair[keyOf(lower.charCodeAt(i), lower.charCodeAt(i + 1))]!;
      for (const { gate } of entry.two) addTo(lists, gate, i * MAX_LENGTH + 2);
      const third = lower.charCodeAt(i + 2); // NaN past the end
      const candidates = third < 128 ? entry.byThird[third] : undefined;
      if (candidates !== undefined)
        for (const { gate, literal } of candidates)
          if (literal.length === 3 || lower.startsWith(literal, i)) addTo(lists, gate, i * MAX_LENGTH + literal.length);
    };
    if (literalAtStart.test(lower)) addAt(0);
    // Each match is the character before a word start; the scan goes on from the word start itself, so a literal
    // beginning inside another one's words ("the counter" in "over the counter") is found too.
    literalAfterNonWord.lastIndex = 0;
    while (literalAfterNonWord.test(lower)) addAt(literalAfterNonWord.lastIndex);
    const found: (readonly number[])[] = [];
    for (let gate = 0; gate < WORD_START_GATES.length; gate++) found.push(lists[gate] ?? NONE_FOUND);
    this.atWordStarts = found;
  }

  /** Start and length of the gate's literals in the text (at word starts for such gates), packed, ascending. */
  private occurrences(gate: KeywordGate, lower: string): readonly number[] {
    if (gate.wordStart) {
      // A gate made after the pass (a rule's gate made when first used): the pass again, for all of them.
      if (gate.id >= this.atWordStarts.length) this.findAtWordStarts(lower);
      return this.atWordStarts[gate.id]!;
    }
    let list = this.found.get(gate);
    if (!list) {
      const packed: number[] = [];
      for (const literal of gate.literals!)
        for (let at = lower.indexOf(literal); at >= 0; at = lower.indexOf(literal, at + 1))
          packed.push(at * MAX_LENGTH + literal.length);
      list = packed.length === 0 ? NONE_FOUND : packed.sort((a, b) => a - b);
      this.found.set(gate, list);
    }
    return list;
  }

  /** Whether the gate's pattern may match inside `text[start, end)`: false only when none of its literals is there. */
  mayMatch(gate: KeywordGate, start = 0, end = this.text.length): boolean {
    const lower = this.lower;
    if (!gate.literals || lower === undefined) return true;
    // A span starting inside a word starts a word for the pattern run on the span alone: not indexed, so run it.
    if (gate.wordStart && start > 0 && isWordChar(lower.charCodeAt(start - 1)) && isWordChar(lower.charCodeAt(start)))
      return true;
    const list = this.occurrences(gate, lower);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (list[mid]! < start * MAX_LENGTH) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < list.length && list[i]! < end * MAX_LENGTH; i++) {
      const at = Math.floor(list[i]! / MAX_LENGTH);
      if (at + (list[i]! - at * MAX_LENGTH) <= end) return true;
    }
    return false;
  }

  /**
   * `gate.pattern.test(span.text)`, false at once when none of its literals is in the span. `span.text` must be
   * `text.slice(span.start, span.end)`; the pattern must not be global or sticky (test would move its lastIndex).
   */
  test(gate: KeywordGate, span: { start: number; end: number; text: string }): boolean {
    return this.mayMatch(gate, span.start, span.end) && gate.pattern.test(span.text);
  }
}
