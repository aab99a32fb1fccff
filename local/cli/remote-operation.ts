/**
 * An operator action on a deployed stack goes through its operations API, so it runs where the stack's own practice
 * configuration, payer rules and code sets are (inlined into the operations function at synth), never with files the
 * CLI would load on its own; the actor is the caller's IAM principal, which the API records. This maps a CLI action
 * and its flags to the API's operation name and request (core/operations/requests.ts, without the actor).
 */
import type { ClaimChanges } from '#core/operations/index';

export type CliAction = 'show' | 'approve' | 'edit' | 'recode' | 'void' | 'assign' | 'note' | 'write-off';

export interface CliActionInput {
  claimId: string;
  reason?: string;
  changes?: ClaimChanges;
  approve?: boolean;
  to?: string;
  text?: string;
  amountCents?: number;
}

export function remoteRequest(
  action: CliAction,
  input: CliActionInput,
): { operation: string; request: Record<string, unknown> } {
  const { claimId, reason } = input;
  const withReason = reason !== undefined ? { reason } : {};
  switch (action) {
    case 'show':
      return { operation: 'show', request: { claimId } };
    case 'approve':
      return { operation: 'approve', request: { claimId, ...withReason } };
    case 'edit':
    case 'recode':
      return {
        operation: 'edit',
        request: { claimId, changes: input.changes ?? {}, ...withReason, ...(input.approve ? { approve: true } : {}) },
      };
    case 'void':
      return { operation: 'void', request: { claimId, reason: reason ?? '' } };
    case 'assign':
      return { operation: 'assign', request: { claimId, to: input.to ?? '', ...withReason } };
    case 'note':
      return { operation: 'note', request: { claimId, text: input.text ?? '' } };
    case 'write-off':
      return {
        operation: 'writeOff',
        request: {
          claimId,
          reason: reason ?? '',
          ...(input.amountCents !== undefined ? { amountCents: input.amountCents } : {}),
        },
      };
  }
}
