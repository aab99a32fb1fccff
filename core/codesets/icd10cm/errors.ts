/**
 * Every importer failure names the file, the place in it (line, or XML element and line) and what was expected,
 * so a person holding the release can find and judge the problem without a debugger.
 */

/** Where in a release file a problem is. */
export interface ImportErrorLocation {
  readonly file: string;
  readonly line?: number;
  /** XML element name (e.g. `diag`, `cell`) when the problem is in an XML file. */
  readonly element?: string;
}

export class Icd10CmImportError extends Error {
  override readonly name = 'Icd10CmImportError';
  readonly file: string;
  readonly line: number | undefined;
  readonly element: string | undefined;

  constructor(location: ImportErrorLocation, problem: string) {
    super(`${describeLocation(location)}: ${problem}`);
    this.file = location.file;
    this.line = location.line;
    this.element = location.element;
  }
}

function describeLocation({ file, line, element }: ImportErrorLocation): string {
  const parts = [file];
  if (line !== undefined) parts.push(`line ${line}`);
  if (element !== undefined) parts.push(`<${element}>`);
  return parts.join(', ');
}
