/**
 * The error every code set importer throws for a malformed or wrong file: it names the file, the line (or element)
 * and what was expected, so an operator can open the file at the right place.
 */
export class CodeSetFileError extends Error {
  override readonly name = 'CodeSetFileError';

  constructor(
    /** File name as given to the importer (a path, or `archive.zip!member.txt`). */
    readonly file: string,
    /** 1-based line number, or 0 when the problem concerns the whole file. */
    readonly line: number,
    /** What the importer expected there and what it found. */
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}, line ${line}: ${problem}` : `${file}: ${problem}`);
  }
}
