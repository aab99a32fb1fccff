/**
 * The operator actions as JSON requests, for callers that receive them from outside (the operations API's Lambda):
 * each operation's input is validated with zod and dispatched to its use case; the result is plain JSON. A request
 * that does not parse is an `invalid_request` OperationError naming the field, before anything is read.
 */
import { z } from 'zod';
import { CLAIM_STATUSES } from '#core/claims/claim';
import { approveClaim } from './approve-claim.ts';
import { assignClaim } from './assign-claim.ts';
import { editClaim } from './edit-claim.ts';
import { invalid } from './errors.ts';
import { noteClaim } from './note-claim.ts';
import type { OperationsPorts } from './ports.ts';
import { showClaim } from './show-claim.ts';
import { voidClaim } from './void-claim.ts';
import { QUEUE_OWNERS, workQueue } from './work-queue.ts';
import { writeOffClaim } from './write-off-claim.ts';

const claimId = z.string().min(1).max(38);
const actor = z.string().min(1).max(128);
const reason = z.string().max(500);
const cents = z.number().int().positive();
const codes = z.array(z.string().max(10)).max(50);

const changes = z
  .object({
    diagnoses: codes.optional(),
    lines: z
      .array(
        z
          .object({
            line: z.number().int().positive(),
            code: z.string().max(10).optional(),
            modifiers: codes.optional(),
            units: z.number().positive().optional(),
            chargeCents: cents.optional(),
            pointers: z.array(z.number().int()).max(12).optional(),
          })
          .strict(),
      )
      .max(50)
      .optional(),
    addLines: z
      .array(
        z
          .object({
            code: z.string().max(10),
            modifiers: codes.optional(),
            units: z.number().positive(),
            chargeCents: cents,
            pointers: z.array(z.number().int()).max(12),
            serviceDate: z.string().max(10).optional(),
          })
          .strict(),
      )
      .max(50)
      .optional(),
    removeLines: z.array(z.number().int()).max(50).optional(),
    memberId: z.string().max(80).optional(),
    priorAuthorization: z.string().max(50).nullable().optional(),
    placeOfService: z.string().max(2).optional(),
  })
  .strict();

export const OPERATION_REQUESTS = {
  show: z.object({ claimId }).strict(),
  approve: z.object({ claimId, actor, reason: reason.optional() }).strict(),
  edit: z.object({ claimId, actor, changes, reason: reason.optional(), approve: z.boolean().optional() }).strict(),
  void: z.object({ claimId, actor, reason }).strict(),
  assign: z.object({ claimId, actor, to: z.string().max(80), reason: reason.optional() }).strict(),
  note: z.object({ claimId, actor, text: z.string().max(2000) }).strict(),
  writeOff: z.object({ claimId, actor, reason, amountCents: cents.optional() }).strict(),
  workQueue: z
    .object({
      practiceId: z.string().min(1).max(100),
      owner: z.enum(QUEUE_OWNERS as [string, ...string[]]).optional(),
      status: z.enum(CLAIM_STATUSES).optional(),
      reason: z.string().max(60).optional(),
      payerId: z.string().max(80).optional(),
      assignee: z.string().max(80).optional(),
      serviceFrom: z.string().max(10).optional(),
      serviceTo: z.string().max(10).optional(),
      minAgeDays: z.number().int().optional(),
      maxAgeDays: z.number().int().optional(),
      limit: z.number().int().optional(),
      scanLimit: z.number().int().optional(),
    })
    .strict(),
} as const;

export type OperationName = keyof typeof OPERATION_REQUESTS;
export const OPERATION_NAMES = Object.keys(OPERATION_REQUESTS) as OperationName[];

/** Runs one operation from its JSON input; resolves to its JSON result or rejects with an OperationError. */
export async function runOperation(name: string, input: unknown, ports: OperationsPorts): Promise<unknown> {
  if (!(OPERATION_NAMES as string[]).includes(name))
    throw invalid(`unknown operation "${name}"; known: ${OPERATION_NAMES.join(', ')}`);
  const parsed = OPERATION_REQUESTS[name as OperationName].safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${name}: ${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
  }
  const request = parsed.data as never;
  switch (name as OperationName) {
    case 'show':
      return showClaim((request as { claimId: string }).claimId, ports);
    case 'approve':
      return approveClaim(request, ports);
    case 'edit':
      return editClaim(request, ports);
    case 'void':
      return voidClaim(request, ports);
    case 'assign':
      return assignClaim(request, ports);
    case 'note':
      return noteClaim(request, ports);
    case 'writeOff':
      return writeOffClaim(request, ports);
    case 'workQueue':
      return workQueue(request, ports);
  }
}
