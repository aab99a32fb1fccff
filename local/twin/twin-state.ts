/**
 * Where a running twin can be found by other processes (the CLI): endpoints and stack outputs, written by
 * `npm start` to .claimflow/twin.json and removed when it stops.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '#lib/project-root';

export interface TwinState {
  pid: number;
  startedAt: string;
  region: string;
  endpoints: { s3: string; sqs: string; dynamodb: string };
  outputs: Record<string, string>;
  /** Base URL of each HTTP API the twin serves, by logical id. */
  apis: Record<string, string>;
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
