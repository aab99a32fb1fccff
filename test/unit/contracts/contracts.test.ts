/**
 * contracts/: the agreements between stack, functions, CLI and twin. These tests pin what a consumer relies on: an
 * environment that is wrong is named precisely without echoing values, messages parse strictly, stage names are safe.
 */
import { describe, expect, it } from 'vitest';
import { INBOX_PREFIX, isUnderPrefix, QUARANTINE_PREFIX } from '#contracts/bucket-layout';
import { mailboxPolling } from '#contracts/clearinghouse-delivery';
import { DEFAULT_STACK_NAME, stackNameFor } from '#contracts/deployment';
import { environmentKeys, parseEnvironment } from '#contracts/environment';
import { codeEncounterEnvironment } from '#contracts/functions/code-encounter';
import { FUNCTION_ENVIRONMENTS } from '#contracts/functions/index';
import {
  claimSubmissionIdentity,
  claimSubmissionMessage,
  parseMessage,
  remittancePointerMessage,
} from '#contracts/messages';

const codeEncounterEnv = {
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'claimflow',
  POWERTOOLS_METRICS_NAMESPACE: 'ClaimFlow',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  TABLE_NAME: 'ClaimFlowTable',
  IDEMPOTENCY_TABLE_NAME: 'IdempotencyTable',
  INTAKE_BUCKET_NAME: 'intake',
  INBOX_PREFIX: 'inbox/',
  QUARANTINE_PREFIX: 'quarantine/',
  MAX_DOCUMENT_BYTES: '5242880',
  SUBMISSION_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/submission',
  INTAKE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/intake',
  CLAIMFLOW_PAYER_RULES: 'payer-rules',
};

describe('bucket layout', () => {
  it('puts a key under a prefix only when it names an object below it', () => {
    expect(isUnderPrefix(`${INBOX_PREFIX}a.hl7`, INBOX_PREFIX)).toBe(true);
    expect(isUnderPrefix(INBOX_PREFIX, INBOX_PREFIX)).toBe(false);
    expect(isUnderPrefix(`${QUARANTINE_PREFIX}a.hl7`, INBOX_PREFIX)).toBe(false);
    expect(isUnderPrefix('inbox-other/a.hl7', INBOX_PREFIX)).toBe(false);
  });
});

describe('function environments', () => {
  it('parses a complete environment, numbers coerced, the optional code set bundle absent', () => {
    const parsed = parseEnvironment(codeEncounterEnvironment, codeEncounterEnv, 'code-encounter');
    expect(parsed.MAX_DOCUMENT_BYTES).toBe(5 * 1024 * 1024);
    expect(parsed.CLAIMFLOW_CODESETS).toBeUndefined();
  });

  it('names every missing or wrong variable without echoing any value', () => {
    const { TABLE_NAME: _missing, ...withoutTable } = codeEncounterEnv;
    const wrong = { ...withoutTable, SUBMISSION_QUEUE_URL: 'not-a-url-secret-value', INBOX_PREFIX: 'uploads/' };
    let message = '';
    try {
      parseEnvironment(codeEncounterEnvironment, wrong, 'code-encounter');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^code-encounter: environment is invalid: /);
    expect(message).toContain('TABLE_NAME');
    expect(message).toContain('SUBMISSION_QUEUE_URL');
    expect(message).toContain('INBOX_PREFIX');
    expect(message).not.toContain('not-a-url-secret-value');
  });

  it('lists each schema key once and knows which ones a function may lack', () => {
    expect(environmentKeys(codeEncounterEnvironment)).toEqual({
      all: expect.arrayContaining(Object.keys(codeEncounterEnv)),
      optional: ['CLAIMFLOW_CODESETS', 'ENCOUNTERS_PER_CHUNK'],
    });
    for (const schema of Object.values(FUNCTION_ENVIRONMENTS)) {
      const { all } = environmentKeys(schema);
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual(expect.arrayContaining(['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE']));
    }
  });
});

describe('queue messages', () => {
  it('accepts a claim submission and identifies it by claim and version', () => {
    const message = parseMessage(claimSubmissionMessage, '{"claimId":"C1","version":3}', 'claim submission');
    expect(claimSubmissionIdentity(message)).toBe('C1#3');
  });

  it('refuses unknown fields, a version that is not a positive integer, and bodies that are not JSON', () => {
    expect(() => parseMessage(claimSubmissionMessage, '{"claimId":"C1","version":0}', 'claim submission')).toThrow(
      /claim submission: message body is invalid: version/,
    );
    expect(() =>
      parseMessage(claimSubmissionMessage, '{"claimId":"C1","version":1,"patient":"Jane Roe"}', 'claim submission'),
    ).toThrow(/Unrecognized key/);
    expect(() => parseMessage(claimSubmissionMessage, '{"claimId": "Jane', 'claim submission')).toThrow(
      /^claim submission: message body is not JSON$/,
    );
  });

  it('accepts a remittance pointer only with a lowercase hex SHA-256 and an ISO time', () => {
    const pointer = {
      bucket: 'claimflow-intake',
      key: 'responses/raw/2026/12/02/msg_1.x12',
      sha256: 'a'.repeat(64),
      bytes: 1200,
      webhookId: 'msg_1',
      receivedAt: '2026-12-02T06:00:00.000Z',
    };
    expect(remittancePointerMessage.parse(pointer)).toEqual(pointer);
    expect(remittancePointerMessage.safeParse({ ...pointer, sha256: 'A'.repeat(64) }).success).toBe(false);
    expect(remittancePointerMessage.safeParse({ ...pointer, receivedAt: 'yesterday' }).success).toBe(false);
  });

  it('names exactly one origin on a remittance pointer: the webhook delivery or the mailbox file', () => {
    const { webhookId: _, ...archived } = {
      bucket: 'claimflow-intake',
      key: 'responses/raw/2026/12/02/abc.x12',
      sha256: 'b'.repeat(64),
      bytes: 900,
      webhookId: 'msg_1',
      receivedAt: '2026-12-02T06:00:00.000Z',
    };
    const fromMailbox = { ...archived, mailboxFileId: 'F00000007-835' };
    expect(remittancePointerMessage.parse(fromMailbox)).toEqual(fromMailbox);
    expect(() => parseMessage(remittancePointerMessage, JSON.stringify(archived), 'remittance pointer')).toThrow(
      /exactly one origin/,
    );
    expect(remittancePointerMessage.safeParse({ ...fromMailbox, webhookId: 'msg_1' }).success).toBe(false);
  });
});

describe('deployment names', () => {
  it('names the stack by stage so staging and production can share an account', () => {
    expect(stackNameFor(undefined)).toBe(DEFAULT_STACK_NAME);
    expect(stackNameFor('staging')).toBe('ClaimFlow-staging');
    expect(() => stackNameFor('Prod_1')).toThrow(/lowercase letters, digits and dashes/);
  });
});

describe('clearinghouse delivery', () => {
  it('polls the sandbox’s mailbox by default, every 5 minutes, 200 files a run; the configuration tunes or stops it', () => {
    expect(mailboxPolling({ kind: 'sandbox' })).toEqual({ everyMinutes: 5, maxFilesPerRun: 200 });
    expect(mailboxPolling({ kind: 'sandbox', mailbox: { everyMinutes: 15 } })).toEqual({
      everyMinutes: 15,
      maxFilesPerRun: 200,
    });
    expect(mailboxPolling({ kind: 'sandbox', mailbox: { poll: false } })).toBeUndefined();
  });

  it('does not poll a connector without a mailbox, and refuses to be told to', () => {
    expect(mailboxPolling({ kind: 'http' })).toBeUndefined();
    expect(() => mailboxPolling({ kind: 'http', mailbox: { poll: true } })).toThrow(/"http" connector has no mailbox/);
    expect(() => mailboxPolling({ kind: 'sandbox', mailbox: { everyMinutes: 0 } })).toThrow(
      /clearinghouse.mailbox: everyMinutes/,
    );
    expect(() => mailboxPolling({ kind: 'sandbox', mailbox: { every: 5 } })).toThrow(/clearinghouse.mailbox/);
  });
});
