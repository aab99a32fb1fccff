/**
 * Operator actions from the CLI on the twin: `claimflow claims approve` queues a reviewed claim through the same
 * outbox intake uses (the clearinghouse gets it), `claims edit` records who changed what, and `claims show` shows it.
 * The CLI finds this test's twin through a state file, as it finds `npm start`'s.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as claimsCommand } from '#bin/commands/claims';
import type { Claim } from '#core/claims/claim';
import { transition } from '#core/claims/state-machine';
import type { ClaimView } from '#core/operations/index';
import { readAllPages } from '#core/storage/page';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import type { LocalTwin } from '#local/twin/twin';
import { writeTwinState } from '#local/twin/twin-state';
import { ledgerEntries, startTestTwin } from '#test/support/twin';

let twin: LocalTwin;
let claims: DynamoDbClaimStore;
let stateFile: string;

const DATE_OF_SERVICE = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);

function visit(id: string, options: { memberId?: string; renderingNpi?: string; code?: string }): string {
  return JSON.stringify({
    claimflowVersion: '1',
    encounter: {
      encounterId: id,
      patient: {
        lastName: 'Haddad',
        firstName: 'Omar',
        birthDate: '1985-04-12',
        sex: 'M',
        relationshipToSubscriber: '18',
        address: { lines: ['17 Birch Court'], city: 'Springfield', state: 'IL', postalCode: '62702' },
      },
      subscriber: options.memberId ? { memberId: options.memberId } : {},
      payer: { payerId: 'SANDBOX1' },
      billingProvider: { npi: '1987654328' },
      renderingProvider: { npi: options.renderingNpi ?? '1456789019', lastName: 'Ortiz', firstName: 'Lena' },
      placeOfService: '11',
      dateOfService: DATE_OF_SERVICE,
      newPatient: false,
      totalTimeMinutes: 25,
      diagnoses: [{ code: 'J06.9' }],
      procedures: [{ code: options.code ?? '99213', units: 1, charge: '135.00', diagnosisCodes: ['J06.9'] }],
      noteText: 'Sore throat and congestion for three days. Assessment: acute upper respiratory infection.',
    },
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

/** Runs `claimflow claims ...` in this process, capturing what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    const code = await claimsCommand(argv, { stateFile });
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
    },
    stateFile,
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

  it('recoding a denied claim from the CLI sends a frequency-7 replacement with REF*F8 to the clearinghouse', async () => {
    const sent = await uploadAndSettle('inbox/ops/denied.json', visit('OPS-5', { memberId: 'SB700100600' }));
    expect(sent.status).toBe('SUBMITTED');
    // The payer's answers as response processing records them: accepted with its claim number, then denied.
    const accepted = transition(
      { ...sent, payerClaimNumber: 'SHP0000004242' },
      { to: 'ACCEPTED', at: new Date().toISOString(), actor: 'process-remittance' },
    );
    await claims.save(accepted);
    await claims.save(
      transition(accepted, {
        to: 'DENIED',
        at: new Date().toISOString(),
        actor: 'process-remittance',
        reasonCategory: 'modifier',
      }),
    );

    const recoded = await cli(
      'recode',
      sent.id,
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
    const replacementId = (JSON.parse(recoded.stdout) as { claim: Claim }).claim.id;
    await twin.waitUntilDrained();

    const replacement = await claims.get(replacementId);
    expect(replacement).toMatchObject({
      status: 'SUBMITTED',
      frequency: '7',
      originalClaimNumber: 'SHP0000004242',
      replaces: { claimId: sent.id, kind: 'replacement' },
    });
    expect(await claims.get(sent.id)).toMatchObject({ status: 'CORRECTED', replacedBy: { claimId: replacementId } });
    const archived = await twin.s3.send(
      new GetObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: replacement!.submission!.archiveKey }),
    );
    const x12 = await archived.Body!.transformToString();
    expect(x12).toContain(`CLM*${replacementId}*135***11:B:7*`);
    expect(x12).toContain('REF*F8*SHP0000004242~');
    expect(x12).toMatch(/SV1\*HC:99213:25\*/);
  });
});
