/**
 * X12 delimiters. An interchange declares its own: the element separator is the character right after "ISA",
 * the repetition separator is ISA11 (when it is not the 4010-era "U"), the component separator is ISA16 and the
 * segment terminator is the character right after ISA16.
 */
import { X12Error } from './x12-error.ts';

export interface Delimiters {
  element: string;
  component: string;
  /** Undefined when the interchange declares none (ISA11 = "U" or a letter/digit). */
  repetition: string | undefined;
  segment: string;
}

/** Number of element separators before ISA16. */
const ISA_ELEMENT_COUNT = 16;
/** A standard ISA segment is exactly this long including its terminator (fixed-width elements). */
export const ISA_FIXED_LENGTH = 106;

export interface IsaDelimiterScan {
  delimiters: Delimiters;
  /** Offset just past the ISA segment terminator. */
  end: number;
  /** Whether the ISA had the standard fixed width; false for hand-edited samples with padded-out elements. */
  fixedWidth: boolean;
  /** ISA11 names a repetition separator already used as another delimiter (it is then ignored). */
  repetitionConflict: boolean;
}

/**
 * Read the delimiters from the ISA segment starting at `start`. Counting separators (rather than trusting fixed
 * offsets) keeps hand-edited samples whose ISA elements are not padded to their fixed widths readable.
 */
export function scanIsaDelimiters(text: string, start: number, position = 1): IsaDelimiterScan {
  if (text.startsWith('ISA', start) === false) {
    throw new X12Error(
      'ISA_EXPECTED',
      `expected the interchange header "ISA", found "${text.slice(start, start + 3)}"`,
      {
        position,
        segmentId: text.slice(start, start + 3),
        offset: start,
      },
    );
  }
  const element = text.charAt(start + 3);
  if (element === '' || isAlphanumeric(element) || isLineBreak(element)) {
    throw new X12Error(
      'ISA_DELIMITER',
      `ISA must be followed by its element separator, found "${printable(element)}"`,
      {
        position,
        segmentId: 'ISA',
        offset: start + 3,
      },
    );
  }
  let cursor = start + 3;
  // Only ISA11's bounds are kept (the separators in front of ISA11 and ISA12): no array per interchange.
  let isa11Start = 0;
  let isa11End = 0;
  for (let count = 1; count < ISA_ELEMENT_COUNT; count++) {
    const next = text.indexOf(element, cursor + 1);
    // ISA is ~106 characters; a separator further away than that belongs to a later segment.
    if (next === -1 || next - start > ISA_FIXED_LENGTH * 2) {
      throw new X12Error(
        'ISA_TRUNCATED',
        `ISA must have 16 elements separated by "${element}", found only ${count} before the data ends`,
        { position, segmentId: 'ISA', offset: start },
      );
    }
    if (count === 10) isa11Start = next + 1;
    else if (count === 11) isa11End = next;
    cursor = next;
  }
  const component = text.charAt(cursor + 1);
  const segment = text.charAt(cursor + 2);
  if (component === '' || segment === '') {
    throw new X12Error('ISA_TRUNCATED', 'ISA16 (component separator) and the segment terminator are missing', {
      position,
      segmentId: 'ISA',
      offset: start,
    });
  }
  const isa11 = text.slice(isa11Start, isa11End);
  const declaredRepetition = isa11.length === 1 && !isAlphanumeric(isa11) && isa11 !== ' ' ? isa11 : undefined;
  if (element === component || element === segment || component === segment) {
    throw new X12Error(
      'ISA_DELIMITER',
      `ISA declares delimiters that are not distinct: element "${printable(element)}", component ` +
        `"${printable(component)}", segment "${printable(segment)}"`,
      { position, segmentId: 'ISA', offset: start },
    );
  }
  // A repetition separator equal to another delimiter cannot be honoured; the caller reports it and reads on.
  const repetitionConflict =
    declaredRepetition !== undefined &&
    (declaredRepetition === element || declaredRepetition === component || declaredRepetition === segment);
  const repetition = repetitionConflict ? undefined : declaredRepetition;
  return {
    delimiters: { element, component, repetition, segment },
    end: cursor + 3,
    fixedWidth: cursor + 3 - start === ISA_FIXED_LENGTH,
    repetitionConflict,
  };
}

/**
 * Delimiters for a transaction set that arrives without an ISA envelope (starts at "ST"). The element separator
 * is the character after "ST"; the terminator is the first character after ST01/ST02 that can be neither data
 * nor that separator. Component and repetition separators are not declared anywhere, so the common ":" and "^"
 * are assumed.
 */
export function guessBareDelimiters(text: string, start: number): Delimiters {
  const element = text.charAt(start + 2);
  let cursor = start + 3;
  while (cursor < text.length) {
    const ch = text.charAt(cursor);
    if (ch !== element && !isAlphanumeric(ch) && ch !== ' ' && ch !== '.' && ch !== '-') break;
    cursor++;
  }
  const segment = text.charAt(cursor);
  if (segment === '') {
    throw new X12Error('ST_TERMINATOR', 'the ST segment has no segment terminator', {
      position: 1,
      segmentId: 'ST',
      offset: start,
    });
  }
  return { element, component: ':', repetition: element === '^' || segment === '^' ? undefined : '^', segment };
}

export function isAlphanumeric(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isLineBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r';
}

/** Show a delimiter in a message; control characters are written as their escape. */
export function printable(ch: string): string {
  return JSON.stringify(ch).slice(1, -1);
}
