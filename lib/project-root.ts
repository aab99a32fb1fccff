import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: function entry paths and the lock file are resolved from here. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
