/**
 * Where a running twin can be found by other processes (the CLI): endpoints and stack outputs, written by
 * `npm start` to .claimflow/twin.json and removed when it stops.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '#lib/project-root';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';

export interface TwinState {
  pid: number;
  startedAt: string;
  region: string;
  endpoints: { s3: string; sqs: string; dynamodb: string };
  outputs: Record<string, string>;
  /** Base URL of each HTTP API the twin serves, by logical id. */
  apis: Record<string, string>;
  /** What the twin's functions scrub with; the CLI's approvals and edits scrub with the same. */
  scrubbing?: TwinScrubbing;
}

/**
 * The practice configuration, payer rules and code sets the twin deployed (inlined or bundled into its functions at
 * synth). An operator action that scrubs a claim again on the CLI's side must use these, not a file it loads on its
 * own, or an approval could pass what intake would hold (or hold what it would pass).
 */
export interface TwinScrubbing {
  practiceConfigPath: string;
  /** SHA-256 of the configuration file as deployed: a file edited since is not what the functions run. */
  practiceConfigSha256: string;
  payerRulesDir: string;
  codeSetsDir?: string;
}

/** The scrubbing inputs of a twin started with these options (the defaults `createApp` deploys otherwise). */
export function twinScrubbing(options: { practiceConfigPath?: string; codeSetsDir?: string }): TwinScrubbing {
  const practiceConfigPath = resolve(options.practiceConfigPath ?? SAMPLE_PRACTICE_CONFIG);
  return {
    practiceConfigPath,
    practiceConfigSha256: fileSha256(practiceConfigPath),
    payerRulesDir: resolve(SAMPLE_PAYER_RULES),
    ...(options.codeSetsDir ? { codeSetsDir: resolve(options.codeSetsDir) } : {}),
  };
}

export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export const TWIN_STATE_FILE = join(PROJECT_ROOT, '.claimflow', 'twin.json');

export function writeTwinState(state: TwinState, file = TWIN_STATE_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

export function removeTwinState(file = TWIN_STATE_FILE): void {
  rmSync(file, { force: true });
}

/** The running twin's state, or undefined when none is running (a stale file from a killed twin is ignored). */
export function readTwinState(file = TWIN_STATE_FILE): TwinState | undefined {
  if (!existsSync(file)) return undefined;
  const state = JSON.parse(readFileSync(file, 'utf8')) as TwinState;
  try {
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}
