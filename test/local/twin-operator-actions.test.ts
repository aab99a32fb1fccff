/**
 * Operator actions from the CLI on the twin, driven by the sandbox clearinghouse's real answers (999, 277CA, 835
 * through the webhook API and process-remittance; member-id prefixes choose the payer's decision, see
 * local/sandbox/README.md): `claims approve` queues a reviewed claim, `claims edit` records who changed what, a
 * re-upload replaces an unsubmitted claim, illegal actions are refused and change nothing; a claim denied for a
 * missing modifier (DN4) is recoded and goes out as frequency 7 with REF*F8 and is paid; a claim the 277CA rejects
 * (REJ33) is fixed and goes out as a new original (frequency 1) and is paid; a claim allowed below the practice's
 * contract (UND) is PAID_INCORRECTLY; a paid claim corrected with a reason is reversed by the payer and its
 * replacement paid, without a conflict item. (A stale submitted claim raising a follow-up: twin-follow-up.test.ts.)
 * The CLI finds this test's twin through a state file, as it finds `npm start`'s, and scrubs with what it deployed.
 * Payer time runs at the twin's time scale (1/10: a 277CA ten payer-minutes after receipt comes in a minute).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as claimsCommand } from '#bin/commands/claims';
import type { Claim } from '#core/claims/claim';
import type { ClaimView } from '#core/operations/index';
import { readAllPages } from '#core/storage/page';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';
import { settleClearinghouse, twinSettlePorts } from '#local/cli/settle-clearinghouse';
import type { LocalTwin } from '#local/twin/twin';
import { writeTwinState } from '#local/twin/twin-state';
import { ledgerEntries, payerCalendarOf, startTestTwin } from '#test/support/twin';
import { cleanVisitJson, DEFAULT_VISIT_PATIENT } from '#test/support/visits';
import { describeWithValidator, validateX12 } from '../unit/sandbox/independent-validator.ts';

let twin: LocalTwin;
let claims: DynamoDbClaimStore;
let stateFile: string;
/** The corrected claims' 837Ps as the twin sent them, for the independent validator. */
const correctedInterchanges: Record<string, string> = {};
/** The same twin seen as a deployed stack is: no scrubbing inputs recorded, so the CLI works its operations API. */
let stackStateFile: string;

/** A clean visit of the default patient (the subscriber); without a member id the scrubber sends it to review. */
function visit(encounterId: string, options: { memberId?: string; renderingNpi?: string; code?: string }): string {
  return cleanVisitJson({
    encounterId,
    patient: { ...DEFAULT_VISIT_PATIENT, relationshipToSubscriber: '18' },
    memberId: options.memberId ?? null,
    renderingNpi: options.renderingNpi,
    ...(options.code
      ? { procedures: [{ code: options.code, units: 1, charge: '135.00', diagnosisCodes: ['J06.9'] }] }
      : {}),
  });
}

async function uploadAndSettle(key: string, body: string): Promise<Claim> {
  await twin.s3.send(new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: body }));
  await twin.waitUntilDrained();
  const entry = (await ledgerEntries(twin)).find((e) => e.key === key);
  const claim = entry?.claimIds?.[0] ? await claims.get(entry.claimIds[0]) : undefined;
  if (!claim) throw new Error(`${key} made no claim (ledger entry ${entry?.status})`);
  return claim;
}

/** Lets the sandbox answer everything it owes (999s, 277CAs, then a payment cycle) and the stack apply it. */
async function settle(): Promise<void> {
  const result = await settleClearinghouse(twinSettlePorts(twin, payerCalendarOf(twin)), 180_000);
  expect(result.settled, JSON.stringify(result.owed)).toBe(true);
}

/** The 837P interchange a claim went out in, as submit-claims archived it. */
async function sentX12(claim: Claim): Promise<string> {
  const archived = await twin.s3.send(
    new GetObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: claim.submission!.archiveKey }),
  );
  return archived.Body!.transformToString();
}

/** Runs `claimflow claims ...` in this process, capturing what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith(stateFile, ...argv);
}

async function cliWith(file: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    const code = await claimsCommand(argv, { stateFile: file });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

beforeAll(async () => {
  twin = await startTestTwin();
  claims = new DynamoDbClaimStore(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
  stateFile = join(mkdtempSync(join(tmpdir(), 'claimflow-cli-')), 'twin.json');
  writeTwinState(
    {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      region: 'us-east-1',
      endpoints: twin.endpoints,
      outputs: twin.outputs,
      apis: {},
      scrubbing: twin.scrubbing,
    },
    stateFile,
  );
  stackStateFile = join(mkdtempSync(join(tmpdir(), 'claimflow-cli-')), 'twin.json');
  writeTwinState(
    {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      region: 'us-east-1',
      endpoints: twin.endpoints,
      outputs: twin.outputs,
      apis: {},
    },
    stackStateFile,
  );
});

afterAll(async () => {
  await twin?.stop();
});

describe('operator actions from the CLI on the twin', () => {
  it('approving a reviewed claim queues it, and the clearinghouse gets it', async () => {
    // A rendering provider the configuration does not list: the coder asks a person to confirm it.
    const reviewed = await uploadAndSettle(
      'inbox/ops/unlisted-rendering.json',
      visit('OPS-1', { memberId: 'SB700100200', renderingNpi: '1234567893' }),
    );
    expect(reviewed).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'missing_information' });

    const shown = await cli('show', reviewed.id, '--json');
    expect(shown.code).toBe(0);
    const view = JSON.parse(shown.stdout) as ClaimView;
    expect(view.reviewReasons[0]?.message).toMatch(
      /rendering provider NPI 1234567893 is not in the practice configuration/,
    );
    expect(view.totalCharge).toBe('$135.00');

    const approved = await cli('approve', reviewed.id, '--as', 'coder:ana', '--reason', 'Dr Ortiz covers this clinic');
    expect(approved).toMatchObject({ code: 0, stdout: `claim ${reviewed.id} approved and queued for submission\n` });
    await twin.waitUntilDrained();

    const submitted = await claims.get(reviewed.id);
    expect(submitted?.status).toBe('SUBMITTED');
    const history = await readAllPages((page) => claims.history(reviewed.id, page));
    expect(history.map((e) => [e.to, e.actor])).toEqual([
      ['CODED', 'code-encounter'],
      ['NEEDS_REVIEW', 'code-encounter'],
      ['READY', 'coder:ana'],
      ['QUEUED', 'coder:ana'],
      ['SUBMITTED', 'submit-claims'],
    ]);
    expect(history[2]?.reason).toBe('approved: Dr Ortiz covers this clinic');
  });

  it('editing a claim records who changed what, and the edited claim is approved and sent', async () => {
    const reviewed = await uploadAndSettle('inbox/ops/no-member-id.json', visit('OPS-2', {}));
    expect(reviewed).toMatchObject({ status: 'NEEDS_REVIEW', owner: 'BILLER' });

    const refused = await cli('approve', reviewed.id, '--as', 'biller:sam');
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/stays in review: .*scrub error/);

    const edited = await cli(
      'edit',
      reviewed.id,
      '--member-id',
      'SB700100300',
      '--as',
      'biller:sam',
      '--reason',
      'from the card',
    );
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/changed \(subscriber.memberId\) and scrubs clean; approve it/);
    const stored = await claims.get(reviewed.id);
    expect(stored?.subscriber.memberId).toBe('SB700100300');
    expect(stored?.lastEvent).toMatchObject({
      actor: 'biller:sam',
      action: 'edit',
      reason: 'edited subscriber.memberId: from the card',
      from: 'NEEDS_REVIEW',
      to: 'NEEDS_REVIEW',
    });

    expect((await cli('approve', reviewed.id, '--as', 'biller:sam')).code).toBe(0);
    await twin.waitUntilDrained();
    expect((await claims.get(reviewed.id))?.status).toBe('SUBMITTED');
  });

  it('refuses to approve a submitted claim, changing nothing, and lists the queue with totals', async () => {
    const sent = await uploadAndSettle('inbox/ops/clean.json', visit('OPS-3', { memberId: 'SB700100400' }));
    expect(sent.status).toBe('SUBMITTED');

    const refused = await cli('approve', sent.id, '--as', 'coder:ana');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is SUBMITTED: only a claim waiting for review \(NEEDS_REVIEW\) can be approved/);
    expect((await claims.get(sent.id))?.version).toBe(sent.version);
    const premature = await cli('recode', sent.id, '--line', '1:modifiers=25', '--as', 'coder:ana');
    expect(premature.code).toBe(1);
    expect(premature.stderr).toMatch(/has not adjudicated it yet, so there is nothing to correct/);
    expect((await claims.get(sent.id))?.version).toBe(sent.version);

    const queue = await cli('--practice', sent.practiceId, '--owner', 'PAYER', '--json');
    expect(queue.code).toBe(0);
    const answer = JSON.parse(queue.stdout) as { total: { count: number; charge: string } };
    expect(answer.total).toMatchObject({ count: 3, charge: '$405.00' });
  });

  it('re-uploading a corrected document replaces the unsubmitted claim, and only the new one is sent', async () => {
    const first = await uploadAndSettle(
      'inbox/ops/typo.json',
      visit('OPS-4', { memberId: 'SB700100500', code: '99999' }),
    );
    expect(first).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'unsupported_code' });

    const second = await uploadAndSettle('inbox/ops/typo-fixed.json', visit('OPS-4', { memberId: 'SB700100500' }));
    await twin.waitUntilDrained();

    expect(await claims.get(second.id)).toMatchObject({
      status: 'SUBMITTED',
      replaces: { claimId: first.id, kind: 'superseded' },
    });
    expect(await claims.get(first.id)).toMatchObject({
      status: 'VOIDED',
      replacedBy: { claimId: second.id, kind: 'superseded' },
    });
    const shown = await cli('show', first.id);
    expect(shown.stdout).toContain(`superseded by claim ${second.id}`);
  });

  let denied: Claim;
  let rejected: Claim;
  let paid: Claim;

  it("the sandbox's answers: denied for a modifier, rejected by the 277CA, underpaid, paid; a paid claim cannot be approved", async () => {
    const uploads = [
      ['inbox/ops/modifier.json', visit('OPS-5', { memberId: 'DN4700100600' })],
      ['inbox/ops/rejected.json', visit('OPS-6', { memberId: 'REJ33700100700' })],
      ['inbox/ops/underpaid.json', visit('OPS-7', { memberId: 'UND700100900' })],
    ] as const;
    const [modifier, rejection, underpaid] = await Promise.all(
      uploads.map(([key, body]) => uploadAndSettle(key, body)),
    );
    await settle();

    denied = (await claims.get(modifier!.id))!;
    expect(denied).toMatchObject({ status: 'DENIED', reasonCategory: 'modifier', owner: 'CODER' });
    expect(denied.payerClaimNumber).toMatch(/^SHP/);
    rejected = (await claims.get(rejection!.id))!;
    expect(rejected).toMatchObject({ status: 'REJECTED', owner: 'BILLER' });
    expect(rejected.payerClaimNumber).toBeUndefined();
    const short = (await claims.get(underpaid!.id))!;
    expect(short).toMatchObject({ status: 'PAID_INCORRECTLY', reasonCategory: 'underpayment', owner: 'BILLER' });
    const shortHistory = await readAllPages((page) => claims.history(short.id, page));
    expect(shortHistory.find((e) => e.to === 'PAID_INCORRECTLY')?.reason).toMatch(
      /Allowed \$73\.40 is \$18\.35 below the contracted \$91\.75/,
    );

    const clean = (await ledgerEntries(twin)).find((e) => e.key === 'inbox/ops/clean.json')!;
    paid = (await claims.get(clean.claimIds![0]!))!;
    expect(paid.status).toBe('PAID');
    const refused = await cli('approve', paid.id, '--as', 'coder:ana');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is PAID: only a claim waiting for review .*the payer has adjudicated it/);
    expect(await claims.get(paid.id)).toEqual(paid);
  });

  it('recoded, fixed and corrected from the CLI, the claims go out as frequency 7 and 1 and are paid', async () => {
    const recoded = await cli(
      'recode',
      denied.id,
      '--line',
      '1:modifiers=25',
      '--reason',
      'payer wants 25 on the visit',
      '--approve',
      '--as',
      'coder:ana',
      '--json',
    );
    expect(recoded.code).toBe(0);
    const fixed = await cli(
      'edit',
      rejected.id,
      '--member-id',
      'SB700100800',
      '--reason',
      'member id from the new card',
      '--approve',
      '--as',
      'biller:sam',
      '--json',
    );
    expect(fixed.code).toBe(0);
    const unreasoned = await cli('recode', paid.id, '--line', '1:modifiers=25', '--as', 'coder:ana');
    expect(unreasoned.code).toBe(2);
    expect(unreasoned.stderr).toMatch(/is PAID: correcting a settled claim .* say why/);
    expect(await claims.get(paid.id)).toEqual(paid);
    const audited = await cli(
      'recode',
      paid.id,
      '--line',
      '1:modifiers=25',
      '--reason',
      'audit: the visit was billed without 25',
      '--approve',
      '--as',
      'coder:ana',
      '--json',
    );
    expect(audited.code).toBe(0);
    const idOf = (answer: { stdout: string }) => (JSON.parse(answer.stdout) as { claim: Claim }).claim.id;
    await settle();

    const replacement = (await claims.get(idOf(recoded)))!;
    expect(replacement).toMatchObject({
      status: 'PAID',
      frequency: '7',
      originalClaimNumber: denied.payerClaimNumber,
      replaces: { claimId: denied.id, kind: 'replacement' },
    });
    expect(await claims.get(denied.id)).toMatchObject({ status: 'CORRECTED', replacedBy: { claimId: replacement.id } });
    const replacementX12 = await sentX12(replacement);
    expect(replacementX12).toContain(`CLM*${replacement.id}*135***11:B:7*`);
    expect(replacementX12).toContain(`REF*F8*${denied.payerClaimNumber}~`);
    expect(replacementX12).toMatch(/SV1\*HC:99213:25\*/);

    const resubmission = (await claims.get(idOf(fixed)))!;
    expect(resubmission).toMatchObject({
      status: 'PAID',
      frequency: '1',
      subscriber: { memberId: 'SB700100800' },
      replaces: { claimId: rejected.id, kind: 'resubmission' },
    });
    expect(resubmission.originalClaimNumber).toBeUndefined();
    const resubmissionX12 = await sentX12(resubmission);
    expect(resubmissionX12).toContain(`CLM*${resubmission.id}*135***11:B:1*`);
    Object.assign(correctedInterchanges, { replacement: replacementX12, resubmission: resubmissionX12 });
    expect((await claims.get(rejected.id))?.lastEvent).toMatchObject({
      to: 'CORRECTED',
      actor: 'biller:sam',
      action: 'correct',
    });

    // The paid claim's replacement: the payer takes the first payment back and pays again under a new number.
    const repaid = (await claims.get(idOf(audited)))!;
    expect(repaid).toMatchObject({ status: 'PAID', frequency: '7', originalClaimNumber: paid.payerClaimNumber });
    expect(repaid.payerClaimNumber).not.toBe(paid.payerClaimNumber);
    const original = (await claims.get(paid.id))!;
    expect(original).toMatchObject({ status: 'CORRECTED', responses: { netPaidCents: 0 } });
    const history = await readAllPages((page) => claims.history(paid.id, page));
    expect(history.find((e) => e.to === 'CORRECTED')).toMatchObject({
      from: 'PAID',
      actor: 'coder:ana',
      reason: expect.stringContaining('audit: the visit was billed without 25'),
    });
    expect(history.at(-1)?.reason).toMatch(/^835 reversal of the payment, as replacement claim/);
    const workItems = new DynamoDbWorkItems(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
    const open = await readAllPages((page) => workItems.listOpen(page));
    expect(open.filter((item) => item.category === 'response_conflict')).toEqual([]);
  });

  it("on a stack, acts through the operations API: the stack's own scrubbing, the signed caller as the actor", async () => {
    const reviewed = await uploadAndSettle(
      'inbox/ops/through-api.json',
      visit('OPS-8', { memberId: 'SB700101000', renderingNpi: '1234567893' }),
    );
    expect(reviewed.status).toBe('NEEDS_REVIEW');

    const named = await cliWith(stackStateFile, 'approve', reviewed.id, '--as', 'coder:ana');
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/act as your own AWS identity .* --as is not accepted/);
    const configured = await cliWith(stackStateFile, 'approve', reviewed.id, '--config', 'other.json');
    expect(configured.code).toBe(2);
    expect((await claims.get(reviewed.id))?.version).toBe(reviewed.version);

    const approved = await cliWith(stackStateFile, 'approve', reviewed.id, '--reason', 'Dr Ortiz covers this clinic');
    expect(approved).toMatchObject({ code: 0, stdout: `claim ${reviewed.id} approved and queued for submission\n` });
    const history = await readAllPages((page) => claims.history(reviewed.id, page));
    expect(history.find((e) => e.to === 'READY')).toMatchObject({
      actor: 'arn:aws:iam::000000000000:user/local-operator',
      reason: 'approved: Dr Ortiz covers this clinic',
    });
    const refused = await cliWith(stackStateFile, 'approve', reviewed.id);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/only a claim waiting for review \(NEEDS_REVIEW\) can be approved/);
  });
});

describeWithValidator("the corrected claims' 837Ps the twin sent, through pyx12", () => {
  it('the frequency-7 replacement and the frequency-1 resubmission are valid X12', () => {
    expect(Object.keys(correctedInterchanges)).toEqual(['replacement', 'resubmission']);
    const { valid, report } = validateX12(correctedInterchanges);
    expect(report).not.toMatch(/error/i);
    expect(valid).toBe(true);
  });
});
