/**
 * Every function's environment schema by its folder under functions/. The stack looks a function's schema up here
 * by that name, and the infra tests compare each deployed environment with it.
 */
import type { FunctionEnvironmentSchema } from '../environment.ts';
import { codeEncounterEnvironment } from './code-encounter.ts';
import { reconcileEnvironment } from './reconcile.ts';

export const FUNCTION_ENVIRONMENTS = {
  'code-encounter': codeEncounterEnvironment,
  reconcile: reconcileEnvironment,
} as const satisfies Record<string, FunctionEnvironmentSchema>;

export type FunctionName = keyof typeof FUNCTION_ENVIRONMENTS;
