/**
 * Loads the official release files these tests check against, in place from the shared data folder (never copied
 * into the repository). Callers wrap their suites in `describeWithSharedData` with the same path parts.
 */
import { readFileSync } from 'node:fs';
import { decodeReleaseText, type ReleaseFile, readReleaseFiles } from '#core/codesets/archive';
import { sharedData } from '#test/support/shared-data';

export const FY2018_ZIP = ['icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip'];
export const HCPCS_2019_ZIP = ['hcpcs', '2019', '2019-Alpha-Numeric-HCPCS-File.zip'];

export function readSharedBytes(parts: string[]): Uint8Array {
  return readFileSync(sharedData(...parts));
}

/** One file of a shared zip, by its base name. */
export function fileFromSharedZip(zipParts: string[], fileName: string): ReleaseFile {
  const zipName = zipParts[zipParts.length - 1] ?? '';
  const file = readReleaseFiles({ name: zipName, bytes: readSharedBytes(zipParts) }).find((f) =>
    f.name.endsWith(fileName),
  );
  if (file === undefined) throw new Error(`${zipName} holds no ${fileName}`);
  return file;
}

export function textFromSharedZip(zipParts: string[], fileName: string): string {
  return decodeReleaseText(fileFromSharedZip(zipParts, fileName).bytes);
}
