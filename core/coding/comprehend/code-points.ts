/**
 * Amazon Comprehend Medical reports offsets in Unicode code points; JavaScript strings (and every offset in
 * ClaimFlow) count UTF-16 code units. The two differ after any character outside the Basic Multilingual Plane (an
 * emoji, a mathematical letter), which takes two code units and one code point.
 */

export interface CodePointIndex {
  /** UTF-16 offset of a code-point offset; undefined when beyond the end of the text. */
  toUtf16(codePointOffset: number): number | undefined;
  /** Code-point length of the text. */
  readonly length: number;
}

export function codePointIndex(text: string): CodePointIndex {
  let astral = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      astral = true;
      break;
    }
  }
  if (!astral)
    return {
      length: text.length,
      toUtf16: (offset) => (Number.isInteger(offset) && offset >= 0 && offset <= text.length ? offset : undefined),
    };
  // utf16At[k] is the UTF-16 offset of code point k; one more entry for the end of the text.
  const utf16At: number[] = [];
  for (let i = 0; i < text.length; ) {
    utf16At.push(i);
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    i += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  utf16At.push(text.length);
  return {
    length: utf16At.length - 1,
    toUtf16: (offset) => (Number.isInteger(offset) && offset >= 0 ? utf16At[offset] : undefined),
  };
}
