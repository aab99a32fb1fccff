/**
 * The design's dependency directions, checked over the source itself. biome.jsonc enforces the same rules file by
 * file while editing (noRestrictedImports per folder); this test also sees what a linter cannot: cycles.
 */
import { describe, expect, it } from 'vitest';
import { importEdges, moduleCycles, moduleOf } from './import-graph.ts';

const edges = importEdges();

/**
 * Known cycles, each with its owner, would be listed here; there are none. Storage ports depend on domain models
 * (claims, the intake ledger's types, the clearinghouse port's types) and the use cases that drive them
 * (core/pipeline, core/submission) depend on the ports, never the other way round.
 */
const KNOWN_CYCLES: string[][] = [];

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

describe('import rules', () => {
  it('reads a real graph (the walk is not vacuous)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.from.startsWith('core/x12/') && e.to === 'core/kernel/money.ts')).toBe(true);
  });

  it('has no import cycle between modules other than the known, owned ones', () => {
    expect(moduleCycles(edges)).toEqual(KNOWN_CYCLES);
  });

  it('finds a cycle when there is one', () => {
    const cycle = moduleCycles([
      { from: 'core/a/x.ts', to: 'core/b/y.ts', specifier: '#core/b/y' },
      { from: 'core/b/y.ts', to: 'core/c/z.ts', specifier: '#core/c/z' },
      { from: 'core/c/z.ts', to: 'core/a/x.ts', specifier: '#core/a/x' },
    ]);
    expect(cycle).toEqual([['core/a', 'core/b', 'core/c']]);
  });

  it('core/x12 depends on nothing of ours but core/kernel and itself', () => {
    const outside = edges.filter(
      (e) =>
        e.from.startsWith('core/x12/') &&
        e.to !== e.specifier &&
        !e.to.startsWith('core/x12/') &&
        !e.to.startsWith('core/kernel/'),
    );
    expect(outside).toEqual([]);
  });

  it('core/kernel imports nothing of ours', () => {
    expect(
      edges.filter(
        (e) => e.from.startsWith('core/kernel/') && !e.to.startsWith('core/kernel/') && e.to !== e.specifier,
      ),
    ).toEqual([]);
  });

  it('core imports no AWS SDK, CDK or file system and nothing from functions, lib, local or bin', () => {
    const forbiddenPackages =
      /^(@aws-sdk|@smithy|aws-cdk-lib|constructs|cdk-nag|@middy|@aws-lambda-powertools|node:fs|fs)$/;
    const offending = edges.filter(
      (e) =>
        e.from.startsWith('core/') &&
        (forbiddenPackages.test(packageOf(e.specifier)) ||
          /^(functions|lib|local|bin)$/.test(moduleOf(e.to).split('/')[0]!)),
    );
    expect(offending).toEqual([]);
  });

  it('lib imports no function code and no domain; functions import no stack, twin or CLI', () => {
    const libOffending = edges.filter((e) => e.from.startsWith('lib/') && /^(functions|local|bin|core)\//.test(e.to));
    const functionsOffending = edges.filter(
      (e) => e.from.startsWith('functions/') && (/^(lib|local|bin)\//.test(e.to) || /^aws-cdk-lib/.test(e.specifier)),
    );
    expect([...libOffending, ...functionsOffending]).toEqual([]);
  });
});
