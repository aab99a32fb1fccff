/**
 * The file-system edge of the bundle: reading a bundle directory into release sources, and writing compiled
 * releases atomically. Every release is written into a temporary directory beside its final place and renamed
 * into place only when every release of the import has been written, so a failed import leaves no partial release
 * (and a re-import replaces the old release in one rename).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUNDLE_FORMAT,
  type CompiledRelease,
  MANIFEST_FILE,
  type ReleaseManifest,
  type ReleaseSource,
} from '#core/codesets/bundle/format';
import { createCodeSets } from '#core/codesets/code-sets';
import type { CodeSets } from '#core/codesets/index';

const TEMP_PREFIX = '.importing-';
const OLD_PREFIX = '.replaced-';

/** A release directory as a source; tables are read from disk only when first needed. */
export function directoryReleaseSource(releaseDir: string): ReleaseSource {
  const manifestPath = join(releaseDir, MANIFEST_FILE);
  let manifest: ReleaseManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ReleaseManifest;
  } catch (error) {
    throw new Error(
      `${manifestPath}: not a readable release manifest (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (manifest.format !== BUNDLE_FORMAT) {
    throw new Error(
      `${manifestPath}: format "${String(manifest.format)}" is not "${BUNDLE_FORMAT}"; re-import the release`,
    );
  }
  return {
    manifest,
    readTable: (name) => (manifest.tables.includes(name) ? readFileSync(join(releaseDir, name), 'utf8') : undefined),
  };
}

/** The release sources of a bundle directory (every sub-directory holding a manifest; temporary ones ignored). */
export function readBundleDirectory(dir: string): ReleaseSource[] {
  if (!existsSync(dir)) throw new Error(`code set bundle directory ${dir} does not exist`);
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && !entry.name.startsWith('.') && existsSync(join(dir, entry.name, MANIFEST_FILE)),
    )
    .map((entry) => directoryReleaseSource(join(dir, entry.name)));
}

/** CodeSets over a compiled bundle directory. */
export function openCodeSetsDirectory(dir: string): CodeSets {
  const sources = readBundleDirectory(dir);
  if (sources.length === 0)
    throw new Error(`code set bundle directory ${dir} holds no releases (no */${MANIFEST_FILE})`);
  return createCodeSets(sources);
}

/**
 * Writes every release into `outDir` or none: all are written to temporary directories first, then each is renamed
 * into place (an existing release of the same id is swapped out and removed).
 */
export function writeReleasesAtomically(outDir: string, releases: readonly CompiledRelease[]): string[] {
  mkdirSync(outDir, { recursive: true });
  const staged: { temp: string; final: string }[] = [];
  try {
    for (const release of releases) {
      const temp = join(outDir, `${TEMP_PREFIX}${release.manifest.id}-${randomBytes(4).toString('hex')}`);
      mkdirSync(temp);
      staged.push({ temp, final: join(outDir, release.manifest.id) });
      for (const [name, text] of Object.entries(release.tables)) writeFileSync(join(temp, name), text);
      writeFileSync(join(temp, MANIFEST_FILE), `${JSON.stringify(release.manifest, null, 2)}\n`);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  for (const { temp, final } of staged) {
    const old = existsSync(final) ? `${join(outDir, OLD_PREFIX)}${randomBytes(4).toString('hex')}` : undefined;
    if (old) renameSync(final, old);
    renameSync(temp, final);
    if (old) rmSync(old, { recursive: true, force: true });
  }
  return staged.map(({ final }) => final);
}
