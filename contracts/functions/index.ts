/**
 * Every function's environment schema by its folder under functions/. The stack looks a function's schema up here
 * by that name, and the infra tests compare each deployed environment with it.
 */
import type { FunctionEnvironmentSchema } from '../environment.ts';
import { clearinghouseWebhookEnvironment } from './clearinghouse-webhook.ts';
import { codeEncounterEnvironment } from './code-encounter.ts';
import { followUpEnvironment } from './follow-up.ts';
import { operationsEnvironment } from './operations.ts';
import { pollMailboxEnvironment } from './poll-mailbox.ts';
import { processRemittanceEnvironment } from './process-remittance.ts';
import { reconcileEnvironment } from './reconcile.ts';
import { submitClaimsEnvironment } from './submit-claims.ts';

export const FUNCTION_ENVIRONMENTS = {
  'clearinghouse-webhook': clearinghouseWebhookEnvironment,
  'code-encounter': codeEncounterEnvironment,
  'follow-up': followUpEnvironment,
  operations: operationsEnvironment,
  'poll-mailbox': pollMailboxEnvironment,
  'process-remittance': processRemittanceEnvironment,
  reconcile: reconcileEnvironment,
  'submit-claims': submitClaimsEnvironment,
} as const satisfies Record<string, FunctionEnvironmentSchema>;

export type FunctionName = keyof typeof FUNCTION_ENVIRONMENTS;
