/**
 * copyMailbox on the real sandbox clearinghouse's mailbox (local/sandbox, on a fake clock): what it puts in the
 * mailbox for claims submitted through core/submission is archived and queued once per file, a run is bounded,
 * a failing file holds back no other, and whatever is copied twice (a crash before the marker, the webhook's copy)
 * is applied to claims once.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResponseMailbox } from '#core/clearinghouse/clearinghouse';
import { applyResponseFile } from '#core/responses/apply-response-file';
import { copyMailbox, DEFAULT_MAILBOX_COPY_LIMITS, type MailboxCopyPorts } from '#core/responses/copy-mailbox';
import { InMemoryMailboxCopies } from '#core/storage/memory/mailbox-copies';
import { readAllPages } from '#core/storage/page';
import { MemoryRawResponseArchive, MemoryRemittanceQueue } from '#test/support/raw-response-ports';
import { MEMBERS, postingWorld, type SandboxFile } from '../remittance/posting-harness.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Claims submitted to the sandbox and every response it produced for them, in its mailbox. */
async function mailboxWithResponses() {
  const world = postingWorld();
  await world.submit([
    { id: 'MB1PAID', memberId: MEMBERS.paid },
    { id: 'MB2PART', memberId: MEMBERS.partial },
    { id: 'MB3DENY', memberId: MEMBERS.denied },
    { id: 'MB4REV', memberId: MEMBERS.reversed },
  ]);
  const files = await world.respond();
  return { world, files };
}

/** The sandbox's mailbox behind the port, able to fail fetching chosen files or listing. */
function mailboxOf(world: ReturnType<typeof postingWorld>) {
  const faults = { fetch: new Set<string>(), list: false, fetched: [] as string[] };
  const mailbox: ResponseMailbox = {
    async listResponses(options) {
      if (faults.list) throw new Error('sandbox clearinghouse unreachable');
      return world.sandbox.listResponses(options);
    },
    async fetchResponse(id) {
      faults.fetched.push(id);
      if (faults.fetch.has(id)) throw new Error('sandbox clearinghouse answered 503');
      return world.sandbox.fetchResponse(id);
    },
  };
  return { mailbox, faults };
}

function poller(world: ReturnType<typeof postingWorld>) {
  const { mailbox, faults } = mailboxOf(world);
  const copies = new InMemoryMailboxCopies();
  const archive = new MemoryRawResponseArchive();
  const queue = new MemoryRemittanceQueue();
  const ports: MailboxCopyPorts = {
    mailboxName: 'sandbox',
    mailbox,
    copies,
    archive,
    queue,
    clock: world.clock,
    sha256,
  };
  return { ports, faults, copies, archive, queue };
}

/** The X12 each queued pointer names, read back from the archive. */
function queuedFiles(p: ReturnType<typeof poller>): { mailboxFileId?: string; x12: string }[] {
  return p.queue.messages.map((m) => ({ mailboxFileId: m.mailboxFileId, x12: p.archive.text(m.key)! }));
}

describe('copying the mailbox', () => {
  it('archives each file’s exact X12 under responses/raw/ and queues one pointer naming the mailbox file', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);

    const report = await copyMailbox(p.ports);

    expect(report).toMatchObject({
      polled: files.length,
      copied: files.length,
      duplicates: 0,
      failed: 0,
      truncated: false,
      listingFailed: false,
    });
    expect(queuedFiles(p)).toEqual(files.map((f) => ({ mailboxFileId: f.id, x12: f.x12 })));
    for (const [i, pointer] of p.queue.messages.entries()) {
      const file = files[i] as SandboxFile;
      const digest = sha256(new TextEncoder().encode(file.x12));
      expect(pointer).toMatchObject({ bucket: p.archive.bucket, sha256: digest });
      expect(pointer).not.toHaveProperty('webhookId');
      // The archive day is the day the mailbox made the file available: the same key on every retry.
      const { availableAt } = world.sandbox.fileSummary(file.id);
      expect(pointer.key).toBe(`responses/raw/${availableAt.slice(0, 10).replaceAll('-', '/')}/${digest}.x12`);
      expect(await p.copies.get('sandbox', file.id)).toMatchObject({ status: 'COPIED', sha256: digest });
    }
  });

  it('reads on from where it stopped: a second run finds nothing new and fetches nothing', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    await copyMailbox(p.ports);
    const fetchedBefore = p.faults.fetched.length;

    const again = await copyMailbox(p.ports);

    expect(again).toMatchObject({ polled: 0, copied: 0, failed: 0 });
    expect(p.faults.fetched).toHaveLength(fetchedBefore);
    expect(p.queue.messages).toHaveLength(files.length);
  });

  it('looks at no more than maxFiles per run and copies the rest on later runs, none twice', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    const limits = { ...DEFAULT_MAILBOX_COPY_LIMITS, maxFiles: 3, pageSize: 2 };

    const reports = [];
    for (let run = 0; run < 10 && p.queue.messages.length < files.length; run++)
      reports.push(await copyMailbox(p.ports, limits));

    expect(reports[0]).toMatchObject({ polled: 3, copied: 3, truncated: true });
    expect(reports.every((r) => r.polled <= 3)).toBe(true);
    expect(reports.length).toBe(Math.ceil(files.length / 3));
    expect(p.queue.messages.map((m) => m.mailboxFileId)).toEqual(files.map((f) => f.id));
  });

  it('goes on past a file it cannot fetch, keeps it PENDING with the stage, and copies it first on the next run', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    const stuck = files[1] as SandboxFile;
    p.faults.fetch.add(stuck.id);

    const first = await copyMailbox(p.ports);

    expect(first).toMatchObject({ polled: files.length, copied: files.length - 1, failed: 1 });
    expect(first.failures).toEqual([{ fileId: stuck.id, stage: 'fetch', failures: 1 }]);
    expect(await p.copies.get('sandbox', stuck.id)).toMatchObject({
      status: 'PENDING',
      failures: 1,
      lastFailure: { stage: 'fetch' },
    });
    expect(p.queue.messages.map((m) => m.mailboxFileId)).not.toContain(stuck.id);

    // Still failing: counted again, alarmed on by the handler's metric; nothing else is fetched again.
    const second = await copyMailbox(p.ports);
    expect(second).toMatchObject({ polled: 1, copied: 0, failed: 1 });
    expect(second.failures).toEqual([{ fileId: stuck.id, stage: 'fetch', failures: 2 }]);

    p.faults.fetch.clear();
    const third = await copyMailbox(p.ports);
    expect(third).toMatchObject({ polled: 1, copied: 1, failed: 0 });
    expect(await p.copies.get('sandbox', stuck.id)).toMatchObject({ status: 'COPIED', failures: 2 });
    expect(p.queue.messages.map((m) => m.mailboxFileId).sort()).toEqual(files.map((f) => f.id).sort());
  });

  it('marks nothing copied that is not archived and queued: an archive or queue fault leaves the file PENDING', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    p.archive.failures = 1;
    const poisoned = files[2] as SandboxFile;
    p.queue.refuse = (m) => m.mailboxFileId === poisoned.id;

    const report = await copyMailbox(p.ports);

    expect(report.failures).toEqual([
      { fileId: (files[0] as SandboxFile).id, stage: 'archive', failures: 1 },
      { fileId: poisoned.id, stage: 'queue', failures: 1 },
    ]);
    expect(report.copied).toBe(files.length - 2);
    for (const id of [(files[0] as SandboxFile).id, poisoned.id])
      expect((await p.copies.get('sandbox', id))?.status).toBe('PENDING');

    p.queue.refuse = undefined;
    expect(await copyMailbox(p.ports)).toMatchObject({ copied: 2, failed: 0 });
    const pending = await readAllPages((page) => p.copies.listPending('sandbox', page));
    expect(pending).toEqual([]);
  });

  it('stops reading, without moving on, when the mailbox cannot be listed; PENDING files are still retried', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    p.faults.fetch.add((files[0] as SandboxFile).id);
    await copyMailbox(p.ports);
    p.faults.fetch.clear();
    p.faults.list = true;

    const report = await copyMailbox(p.ports);

    expect(report).toMatchObject({ listingFailed: true, polled: 1, copied: 1 });
    expect(p.queue.messages).toHaveLength(files.length);
  });

  it('copies a file again after a crash before its marker, and the response side applies it once', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    const crashOn = (files.find((f) => f.kind === '835') as SandboxFile).id;
    const markCopied = p.copies.markCopied.bind(p.copies);
    p.copies.markCopied = async (file, copy) => {
      if (file.fileId === crashOn) throw new Error('the function timed out');
      return markCopied(file, copy);
    };

    const crashed = await copyMailbox(p.ports);
    expect(crashed.failures).toContainEqual({ fileId: crashOn, stage: 'record', failures: 0 });
    p.copies.markCopied = markCopied;
    const after = await copyMailbox(p.ports);
    expect(after.copied).toBeGreaterThanOrEqual(1);

    const pointers = p.queue.messages.filter((m) => m.mailboxFileId === crashOn);
    expect(pointers).toHaveLength(2);
    expect(pointers[0]?.key).toBe(pointers[1]?.key);
    // Every pointer applied, as process-remittance would: each file once, the repeat changes nothing.
    const results = [];
    for (const pointer of p.queue.messages)
      results.push(
        await applyResponseFile(
          {
            body: p.archive.text(pointer.key)!,
            expectedSha256: pointer.sha256,
            source: { key: pointer.key, mailboxFileId: pointer.mailboxFileId! },
          },
          world.ports(),
        ),
      );
    expect(results.filter((r) => r.kind === 'already_applied').length).toBe(p.queue.messages.length - files.length);
    const totals = await world.ledgerTotals(files);
    expect(totals.claimPayments + totals.providerEffect).toBe(totals.deposits);
  });

  it('two overlapping runs copy every file and mark each COPIED once', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    const other = { ...p.ports };

    const [a, b] = await Promise.all([copyMailbox(p.ports), copyMailbox(other)]);

    expect(a.copied + b.copied).toBe(files.length);
    for (const file of files) expect((await p.copies.get('sandbox', file.id))?.status).toBe('COPIED');
  });

  it('refuses a file larger than the limit without fetching it, and keeps it PENDING', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    const largest = Math.max(...files.map((f) => Buffer.byteLength(f.x12)));

    const report = await copyMailbox(p.ports, { ...DEFAULT_MAILBOX_COPY_LIMITS, maxFileBytes: largest - 1 });

    const big = files.filter((f) => Buffer.byteLength(f.x12) === largest).map((f) => f.id);
    expect(report.failures.map((f) => [f.fileId, f.stage])).toEqual(big.map((id) => [id, 'too_large']));
    expect(p.faults.fetched.filter((id) => big.includes(id))).toEqual([]);
  });

  it('acknowledges a file to a mailbox that deletes only once it is kept, and again when a lost acknowledgement lists it again', async () => {
    const { world, files } = await mailboxWithResponses();
    const p = poller(world);
    // A mailbox that lists what is not acknowledged yet, oldest first, and has no cursor (files leave when acknowledged).
    const acknowledged = new Set<string>();
    const failOnce = new Set([(files[1] as SandboxFile).id]);
    const keptWhenAcknowledged: boolean[] = [];
    p.ports.mailbox = {
      async listResponses({ limit = 100 } = {}) {
        const all = world.sandbox.listResponses({ limit: 1000 }).files;
        return { files: all.filter((f) => !acknowledged.has(f.id)).slice(0, limit) };
      },
      fetchResponse: async (id) => world.sandbox.fetchResponse(id),
      async acknowledgeResponse(id) {
        keptWhenAcknowledged.push(
          p.queue.messages.some((m) => m.mailboxFileId === id) &&
            (await p.copies.get('sandbox', id))?.status === 'COPIED',
        );
        if (failOnce.delete(id)) throw new Error('sandbox clearinghouse answered 503');
        acknowledged.add(id);
      },
    };

    const first = await copyMailbox(p.ports);
    expect(first).toMatchObject({ copied: files.length, unacknowledged: 1, failed: 0 });
    const second = await copyMailbox(p.ports);
    expect(second).toMatchObject({ polled: 1, copied: 0, duplicates: 1, unacknowledged: 0 });

    expect(acknowledged).toEqual(new Set(files.map((f) => f.id)));
    expect(keptWhenAcknowledged).toEqual(Array(files.length + 1).fill(true));
    expect(p.queue.messages).toHaveLength(files.length);
  });
});
