import { resolve } from 'node:path';
import { PROJECT_ROOT } from './project-root.ts';

/** The practice configuration deployed when no `claimflow:config` context names another file. */
export const SAMPLE_PRACTICE_CONFIG = resolve(PROJECT_ROOT, 'config', 'practice.sample.json');
/** The payer rule files deployed when no `claimflow:payerRules` context names another folder. */
export const SAMPLE_PAYER_RULES = resolve(PROJECT_ROOT, 'config', 'payer-rules');
