/**
 * Which Node.js the twin's functions run on. Execution environments are worker threads of the twin's own process,
 * so they run on the Node.js that runs `npm start` or the tests: Node.js 24 (.nvmrc, Lambda's nodejs24.x) when the
 * project's setup is followed. On Node.js 22 the bundles still run (esbuild targets node22), but on a major that
 * Lambda does not use for these functions; the twin says so instead of pretending to match.
 */
import type { FunctionDefinition } from './lambda-runtime.ts';

/** The Node.js major a Lambda runtime name stands for (`nodejs24.x` → 24), if it is a Node.js runtime. */
export function lambdaNodeMajor(runtime: string | undefined): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A sentence when the functions declare another Node.js major than the twin runs them on; otherwise undefined. */
export function workerRuntimeNotice(
  functions: Pick<FunctionDefinition, 'functionName' | 'declaredRuntime'>[],
  hostVersion = process.versions.node,
): string | undefined {
  const hostMajor = Number(hostVersion.split('.')[0]);
  const declared = [...new Set(functions.map((f) => f.declaredRuntime).filter((r): r is string => Boolean(r)))];
  const mismatched = declared.filter((runtime) => lambdaNodeMajor(runtime) !== hostMajor);
  if (mismatched.length === 0) return undefined;
  return (
    `functions declare ${mismatched.join(', ')} but run on this Node.js ${hostVersion} (worker threads share the ` +
    "twin's Node.js); run the twin on the major in .nvmrc to match Lambda (`source scripts/ensure-node.sh`)"
  );
}
