/**
 * `claimflow claims`: claims, the work queue, and the actions that work it.
 *   claims [--status S]... [--json]
 *   claims --practice P [--owner O] [--status S] [--reason R] [--payer ID] [--assignee A] [--dos-from D] [--dos-to D]
 *          [--min-age DAYS] [--max-age DAYS] [--limit N] [--json]                    the work queue, with totals
 *   claims show ID [--json]
 *   claims approve ID [--reason R]
 *   claims edit|recode ID [--dx ..] [--line N:k=v,..] [--add-line ..] [--remove-line N] [--member-id ..]
 *          [--prior-auth ..|none] [--pos NN] [--reason R] [--approve]
 *   claims void ID --reason R
 *   claims assign ID --to CODER|BILLER|PATIENT|PAYER|PERSON|nobody [--reason R]
 *   claims note ID TEXT
 *   claims write-off ID --reason R [--amount 12.50]
 * On the twin, actions run in the CLI and record who acted: --as NAME, else CLAIMFLOW_ACTOR, else cli:<login>; they
 * scrub with what the twin deployed (twin.json). On a deployed stack they go through its operations API, which runs
 * them with the stack's own configuration and records the caller's IAM principal.
 */
import { parseArgs } from 'node:util';
import { CLAIM_STATUSES, type ClaimStatus } from '#core/claims/claim';
import { toCents } from '#core/kernel/money';
import {
  type ActionResult,
  approveClaim,
  assignClaim,
  type ClaimView,
  editClaim,
  noteClaim,
  OperationError,
  QUEUE_OWNERS,
  type QueueOwner,
  showClaim,
  voidClaim,
  type WorkQueueFilters,
  workQueue,
  writeOffClaim,
} from '#core/operations/index';
import { CHANGE_OPTIONS, ChangeArgumentError, changesFromFlags } from '#local/cli/claim-change-args';
import { formatClaimView } from '#local/cli/claim-view-text';
import { formatClaimTable, formatWorkQueue, listClaims } from '#local/cli/list-claims';
import { cliActor, operationsPorts, ScrubSettingsError } from '#local/cli/operations-ports';
import { type CliActionInput, remoteRequest } from '#local/cli/remote-operation';
import { type OperationsApi, OperationsApiError } from '#local/operations-api/client';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary =
  'claims [--status S] | --practice P [filters] | show|approve|edit|recode|void|assign|note|write-off ID: claims, work queues, actions';

const ACTIONS = ['show', 'approve', 'edit', 'recode', 'void', 'assign', 'note', 'write-off'] as const;
type Action = (typeof ACTIONS)[number];

const SCRUB_OPTIONS = {
  config: { type: 'string' },
  codesets: { type: 'string' },
  'payer-rules': { type: 'string' },
} as const;

/** `stateFile`: where to find the twin (tests run their own twin; the CLI uses .claimflow/twin.json). */
export async function run(argv: string[], options: { stateFile?: string } = {}): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if ((ACTIONS as readonly string[]).includes(first ?? '')) return await runAction(first as Action, rest, options);
    return await listOrQueue(argv, options);
  } catch (error) {
    if (
      error instanceof OperationError ||
      error instanceof ChangeArgumentError ||
      error instanceof ScrubSettingsError
    ) {
      process.stderr.write(`claims: ${error.message}\n`);
      return error instanceof OperationError && error.kind !== 'invalid_request' ? 1 : 2;
    }
    throw error;
  }
}

async function runAction(action: Action, argv: string[], options: { stateFile?: string }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...TARGET_OPTIONS,
      ...SCRUB_OPTIONS,
      ...CHANGE_OPTIONS,
      json: { type: 'boolean' },
      as: { type: 'string' },
      reason: { type: 'string' },
      approve: { type: 'boolean' },
      to: { type: 'string' },
      amount: { type: 'string' },
    },
  });
  const [claimId, ...words] = positionals;
  if (!claimId) {
    process.stderr.write(`claims ${action}: which claim? claimflow claims ${action} CLAIM_ID ...\n`);
    return 2;
  }
  if (action !== 'note' && words.length > 0) {
    process.stderr.write(`claims ${action}: unexpected ${words.join(' ')}\n`);
    return 2;
  }
  // Flags are read before any connection, so a typo is reported as such even with no twin running.
  const changes = action === 'edit' || action === 'recode' ? changesFromFlags(values) : undefined;
  const amountCents = values.amount !== undefined ? amount(values.amount) : undefined;
  const target = await resolveTarget(values, options.stateFile);
  // A deployed stack (no scrubbing inputs recorded by a twin) is worked through its operations API.
  if (target.scrubbing === undefined && target.operations) {
    return runRemote(target.operations, action, values, {
      claimId,
      ...(values.reason !== undefined ? { reason: values.reason } : {}),
      ...(changes ? { changes } : {}),
      ...(values.approve ? { approve: true } : {}),
      ...(values.to !== undefined ? { to: values.to } : {}),
      ...(action === 'note' ? { text: words.join(' ') } : {}),
      ...(amountCents !== undefined ? { amountCents } : {}),
    });
  }
  const ports = operationsPorts(target, {
    ...(values.config ? { config: values.config } : {}),
    ...(values.codesets ? { codesets: values.codesets } : {}),
    ...(values['payer-rules'] ? { payerRules: values['payer-rules'] } : {}),
    scrubs: action === 'approve' || action === 'edit' || action === 'recode',
  });
  const actor = cliActor(values.as);
  const reason = values.reason;
  let result: ActionResult & { outcome?: string };
  switch (action) {
    case 'show': {
      const view = await showClaim(claimId, ports);
      process.stdout.write(values.json ? `${JSON.stringify(view, null, 2)}\n` : `${formatClaimView(view)}\n`);
      return 0;
    }
    case 'approve':
      result = await approveClaim({ claimId, actor, ...(reason ? { reason } : {}) }, ports);
      break;
    case 'edit':
    case 'recode':
      result = await editClaim(
        {
          claimId,
          actor,
          changes: changes ?? {},
          ...(reason ? { reason } : {}),
          ...(values.approve ? { approve: true } : {}),
        },
        ports,
      );
      break;
    case 'void':
      result = await voidClaim({ claimId, actor, reason: reason ?? '' }, ports);
      break;
    case 'assign':
      if (!values.to) {
        process.stderr.write('claims assign: --to CODER|BILLER|PATIENT|PAYER|<person>|nobody is required\n');
        return 2;
      }
      result = await assignClaim({ claimId, actor, to: values.to, ...(reason ? { reason } : {}) }, ports);
      break;
    case 'note':
      result = await noteClaim({ claimId, actor, text: words.join(' ') }, ports);
      break;
    case 'write-off':
      result = await writeOffClaim(
        {
          claimId,
          actor,
          reason: reason ?? '',
          ...(amountCents !== undefined ? { amountCents } : {}),
        },
        ports,
      );
      break;
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${result.message}\n`);
  // An approval or change that leaves scrub errors did what was asked but not what was hoped: say so in the code.
  return result.outcome === 'needs_review' ? 3 : 0;
}

/** One action through the operations API: its refusals printed as core's, the result as the in-process one. */
async function runRemote(
  api: OperationsApi,
  action: Action,
  values: { as?: string; json?: boolean; config?: string; codesets?: string; 'payer-rules'?: string },
  input: CliActionInput,
): Promise<number> {
  if (values.as !== undefined) {
    process.stderr.write(
      'claims: on a deployed stack you act as your own AWS identity (the operations API records its IAM principal); --as is not accepted\n',
    );
    return 2;
  }
  const scrubFlag = (['config', 'codesets', 'payer-rules'] as const).find((flag) => values[flag] !== undefined);
  if (scrubFlag) {
    process.stderr.write(
      `claims: --${scrubFlag}: a deployed stack scrubs with the configuration it was deployed with; deploy the change instead\n`,
    );
    return 2;
  }
  const { operation, request } = remoteRequest(action, input);
  let answer: unknown;
  try {
    answer = await api.run(operation, request);
  } catch (error) {
    if (!(error instanceof OperationsApiError)) throw error;
    process.stderr.write(`claims: ${error.message}\n`);
    return error.kind === 'invalid_request' ? 2 : 1;
  }
  if (action === 'show') {
    process.stdout.write(
      values.json ? `${JSON.stringify(answer, null, 2)}\n` : `${formatClaimView(answer as ClaimView)}\n`,
    );
    return 0;
  }
  const result = answer as ActionResult & { outcome?: string };
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.message}\n`);
  return result.outcome === 'needs_review' ? 3 : 0;
}

function amount(text: string): number {
  try {
    return toCents(text.replace(/^\$/, ''));
  } catch (error) {
    throw new ChangeArgumentError(`--amount: ${(error as Error).message}`);
  }
}

async function listOrQueue(argv: string[], options: { stateFile?: string }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...TARGET_OPTIONS,
      status: { type: 'string', multiple: true },
      owner: { type: 'string' },
      practice: { type: 'string' },
      reason: { type: 'string' },
      payer: { type: 'string' },
      assignee: { type: 'string' },
      'dos-from': { type: 'string' },
      'dos-to': { type: 'string' },
      'min-age': { type: 'string' },
      'max-age': { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const statuses = (values.status ?? []).map((s) => s.toUpperCase());
  const unknown = statuses.filter((s) => !(CLAIM_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`claims: unknown status ${unknown.join(', ')}; known: ${CLAIM_STATUSES.join(', ')}\n`);
    return 2;
  }
  const owner = values.owner?.toUpperCase();
  if (owner !== undefined && !(QUEUE_OWNERS as readonly string[]).includes(owner)) {
    process.stderr.write(`claims: unknown owner ${owner}; work queues belong to ${QUEUE_OWNERS.join(', ')}\n`);
    return 2;
  }
  const queueFlags = [
    owner,
    values.reason,
    values.payer,
    values.assignee,
    values['dos-from'],
    values['dos-to'],
    values['min-age'],
    values['max-age'],
    values.limit,
  ];
  if (values.practice === undefined && queueFlags.some((flag) => flag !== undefined)) {
    process.stderr.write('claims: work queue filters need --practice (a work queue belongs to one practice)\n');
    return 2;
  }
  if (values.practice !== undefined && statuses.length > 1) {
    process.stderr.write('claims: a work queue takes at most one --status\n');
    return 2;
  }
  const numbers: Record<string, number | undefined> = {};
  for (const name of ['min-age', 'max-age', 'limit'] as const) {
    const text = values[name];
    if (text === undefined) continue;
    if (!/^\d{1,6}$/.test(text)) {
      process.stderr.write(`claims: --${name} must be a whole number, got ${text}\n`);
      return 2;
    }
    numbers[name] = Number(text);
  }
  const target = await resolveTarget(values, options.stateFile);
  const tableName = target.outputs.TableName!;

  if (values.practice !== undefined) {
    const filters: WorkQueueFilters = {
      practiceId: values.practice,
      ...(owner ? { owner: owner as QueueOwner } : {}),
      ...(statuses[0] ? { status: statuses[0] as ClaimStatus } : {}),
      ...(values.reason ? { reason: values.reason } : {}),
      ...(values.payer ? { payerId: values.payer } : {}),
      ...(values.assignee ? { assignee: values.assignee } : {}),
      ...(values['dos-from'] ? { serviceFrom: values['dos-from'] } : {}),
      ...(values['dos-to'] ? { serviceTo: values['dos-to'] } : {}),
      ...(numbers['min-age'] !== undefined ? { minAgeDays: numbers['min-age'] } : {}),
      ...(numbers['max-age'] !== undefined ? { maxAgeDays: numbers['max-age'] } : {}),
      ...(numbers.limit !== undefined ? { limit: numbers.limit } : {}),
    };
    const answer = await workQueue(filters, operationsPorts(target));
    if (values.json) process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    else process.stdout.write(`${formatWorkQueue(answer)}\nin ${target.description}\n`);
    return 0;
  }

  const claims = await listClaims(
    target.dynamo,
    tableName,
    statuses.length > 0 ? (statuses as ClaimStatus[]) : CLAIM_STATUSES,
  );
  if (values.json) process.stdout.write(`${JSON.stringify({ claims }, null, 2)}\n`);
  else process.stdout.write(`${formatClaimTable(claims)}\n${claims.length} claim(s) in ${target.description}\n`);
  return 0;
}
