/** The project's own import graph, read from the source: which file imports which, and which module that is in. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
const ROOTS = ['core', 'functions', 'lib', 'local', 'bin', 'contracts'];
const ALIASES: Record<string, string> = {
  '#core/': 'core/',
  '#functions/': 'functions/',
  '#lib/': 'lib/',
  '#local/': 'local/',
  '#bin/': 'bin/',
  '#contracts/': 'contracts/',
};
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(REPO, dir));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(join(REPO, path)).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Repository-relative path of what `specifier` names from `file`, or undefined for a package. */
export function resolveImport(file: string, specifier: string): string | undefined {
  for (const [alias, folder] of Object.entries(ALIASES)) {
    if (specifier.startsWith(alias)) return `${folder}${specifier.slice(alias.length)}.ts`.replace(/\.ts\.ts$/, '.ts');
  }
  if (specifier.startsWith('.')) return relative(REPO, resolve(REPO, dirname(file), specifier));
  return undefined;
}

/** Module of a file: its top folder and the folder below it (`core/x12`, `functions/intake`). */
export function moduleOf(file: string): string {
  const parts = file.split('/');
  if (parts.length > 2) return `${parts[0]}/${parts[1]}`;
  // A file directly under a root (lib/nag.ts, bin/claimflow.ts) is a module of its own.
  return file.replace(/\.ts$/, '');
}

export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
}

export function importEdges(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of ROOTS.flatMap(sourceFiles)) {
    const text = readFileSync(join(REPO, file), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      const to = resolveImport(file, specifier);
      edges.push({ from: file, to: to ?? specifier, specifier });
    }
  }
  return edges;
}

/** Strongly connected components of more than one module (Tarjan): each is an import cycle between modules. */
export function moduleCycles(edges: readonly ImportEdge[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (edge.to === edge.specifier && !edge.specifier.startsWith('.')) continue; // a package
    const from = moduleOf(edge.from);
    const to = moduleOf(edge.to);
    if (from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    if (!graph.has(to)) graph.set(to, new Set());
    graph.get(from)!.add(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}
