/**
 * The practice configuration for offline CLI commands: the file named by --config, else by CLAIMFLOW_PRACTICE_CONFIG,
 * else the sample the twin ships. (In a deployed function the same variable name carries the configuration's JSON
 * itself, inlined at synth; here it is a file path.)
 */
import { readFileSync } from 'node:fs';
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';
import { SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';

export const PRACTICE_CONFIG_ENV = 'CLAIMFLOW_PRACTICE_CONFIG';

export function practiceConfigPath(option: string | undefined): string {
  return option ?? process.env[PRACTICE_CONFIG_ENV] ?? SAMPLE_PRACTICE_CONFIG;
}

/** Reads and validates a configuration file; errors name the file and what is wrong. */
export function loadPracticeConfigFile(path: string): PracticeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read practice configuration ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`practice configuration ${path} is not JSON: ${(error as Error).message}`);
  }
  return parsePracticeConfig(json, path);
}
