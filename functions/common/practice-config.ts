/**
 * The practice configuration is part of the deployment: `cdk synth` validates the file named by the
 * `claimflow:config` context (default config/practice.sample.json) and esbuild inlines it into each bundle as
 * `process.env.CLAIMFLOW_PRACTICE_CONFIG`, so a configuration change is a reviewed, versioned deploy. Validated
 * again here at cold start.
 */
import { type PracticeConfig, parsePracticeConfig } from '#core/config/practice-config';

let cached: PracticeConfig | undefined;

export function practiceConfig(): PracticeConfig {
  if (!cached) {
    const text = process.env.CLAIMFLOW_PRACTICE_CONFIG;
    if (!text) throw new Error('no practice configuration was bundled (CLAIMFLOW_PRACTICE_CONFIG is empty)');
    cached = parsePracticeConfig(JSON.parse(text), 'bundled practice configuration');
  }
  return cached;
}
