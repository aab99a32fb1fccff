/**
 * The README and the notes under docs/ link only to files inside the repository (a clone has no ../shared), and every
 * such link resolves, including its #anchor when it names a heading.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to dashes. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(file: string): Set<string> {
  const headings = readFileSync(file, 'utf8').match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((h) => anchorOf(h.replace(/^#+ /, ''))));
}

const documents = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

describe('documentation links', () => {
  for (const file of documents) {
    it(`${relative(ROOT, file)} links only to files inside the repository that exist`, () => {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
      for (const target of targets.filter((t) => !/^[a-z]+:/.test(t))) {
        const [path, anchor] = target.split('#');
        const resolved = path ? resolve(dirname(file), path) : file;
        expect(relative(ROOT, resolved).startsWith('..'), `${target} leaves the repository`).toBe(false);
        expect(existsSync(resolved), `${target} does not exist`).toBe(true);
        if (anchor && resolved.endsWith('.md')) {
          expect(anchorsIn(resolved).has(anchor), `${target}: no heading for #${anchor}`).toBe(true);
        }
      }
    });
  }
});
