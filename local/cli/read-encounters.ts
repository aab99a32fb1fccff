/**
 * Reads documents named on the command line into encounters, for the offline `code` and `scrub` commands. A file
 * that cannot be read or parsed is reported on stderr with the parser's reason and location, and counted.
 */
import { readFile } from 'node:fs/promises';
import type { Encounter } from '#core/documents/encounter';
import { parseDocument } from '#core/documents/index';

export async function readEncounters(
  files: readonly string[],
  command: string,
): Promise<{ encounters: { file: string; encounter: Encounter }[]; failures: number }> {
  const encounters: { file: string; encounter: Encounter }[] = [];
  let failures = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      failures += 1;
      process.stderr.write(
        `claimflow ${command}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}\n`,
      );
      continue;
    }
    const result = parseDocument(bytes, { key: file });
    if (!result.ok) {
      failures += 1;
      const location = result.location ? ` at ${result.location}` : '';
      process.stderr.write(`claimflow ${command}: ${file}: ${result.reason}${location}: ${result.message}\n`);
      continue;
    }
    for (const encounter of result.encounters) encounters.push({ file, encounter });
  }
  return { encounters, failures };
}
