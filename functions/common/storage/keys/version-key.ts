/** Versions in sort keys are zero-padded so that string order is numeric order (EVENT#0000000002 < EVENT#0000000010). */
export function versionKey(version: number): string {
  if (!Number.isSafeInteger(version) || version < 0) throw new RangeError(`not a version: ${version}`);
  return String(version).padStart(10, '0');
}
