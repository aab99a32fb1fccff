/**
 * Splits a CMS text file into lines (CRLF or LF), dropping only the empty tail after the final line break, so that
 * line numbers match what an editor shows and every real line (even a blank one in the middle) is seen.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (line.endsWith('\r')) lines[index] = line.slice(0, -1);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A short, printable excerpt of what was found, for error messages (no PHI in code-set files, but keep it short). */
export function quoteFound(text: string, maxLength = 40): string {
  const excerpt = text.length > maxLength ? `${text.slice(0, maxLength)}...` : text;
  return JSON.stringify(excerpt);
}

/** Collapses the indentation and line breaks CDC leaves inside text into single spaces. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
