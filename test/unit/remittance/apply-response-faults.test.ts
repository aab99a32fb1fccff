/**
 * A crash at any write of applying a response file (before the write, or after it and before the next) is finished
 * by the retry the queue makes: the end is the same as without the crash. Same claim statuses, owners and money,
 * the same histories, the same ledger and work items; nothing posted twice, nothing lost.
 */
import { describe, expect, it } from 'vitest';
import type { ApplyResponsePorts } from '#core/responses/apply-response-file';
import { readAllPages } from '#core/storage/page';
import { MEMBERS, postingWorld, type SandboxFile } from './posting-harness.ts';

class InjectedCrash extends Error {}

const WRITES: Record<string, readonly string[]> = {
  claims: ['save'],
  events: ['record'],
  ledger: ['recordPayment', 'postClaimPayment'],
  providerLedger: ['record'],
  applications: ['begin', 'finish'],
  workItems: ['raise'],
};

/** The ports with every write counted; the `failAt`-th write crashes once, before or after doing its work. */
function crashing(ports: ApplyResponsePorts, state: { writes: number; failAt?: number; when?: 'before' | 'after' }) {
  const wrapped: Record<string, unknown> = { ...ports };
  for (const [name, methods] of Object.entries(WRITES)) {
    const port = (ports as unknown as Record<string, object>)[name]!;
    wrapped[name] = new Proxy(port, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (!methods.includes(String(property))) return value.bind(target);
        return async (...args: unknown[]) => {
          state.writes += 1;
          const crash = state.writes === state.failAt;
          if (crash && state.when === 'before') throw new InjectedCrash(`before ${name}.${String(property)}`);
          const result = await value.apply(target, args);
          if (crash) throw new InjectedCrash(`after ${name}.${String(property)}`);
          return result;
        };
      },
    });
  }
  return wrapped as unknown as ApplyResponsePorts;
}

const CLAIMS = Object.entries(MEMBERS)
  .filter(([outcome]) => outcome !== 'rejected999')
  .map(([outcome, memberId], i) => ({ id: `F${i + 1}${outcome.slice(0, 4).toUpperCase()}`, memberId }));

async function run(failAt?: number, when?: 'before' | 'after') {
  const world = postingWorld();
  await world.submit(CLAIMS);
  const files = await world.respond();
  const state: { writes: number; failAt?: number; when?: 'before' | 'after' } = {
    writes: 0,
    ...(failAt ? { failAt, when } : {}),
  };
  const ports = crashing(world.ports(), state);
  let crashes = 0;
  for (const file of files) {
    for (;;) {
      try {
        const result = await world.apply(file, 'webhook', ports);
        expect(result.kind).toMatch(/^(applied|already_applied)$/);
        break;
      } catch (error) {
        if (!(error instanceof InjectedCrash)) throw error;
        crashes += 1; // the queue delivers the pointer again
      }
    }
  }
  return { world, files, writes: state.writes, crashes, end: await endState(world, files) };
}

async function endState(world: ReturnType<typeof postingWorld>, files: readonly SandboxFile[]) {
  const claims = [];
  for (const { id } of CLAIMS) {
    const claim = await world.claim(id);
    claims.push({
      id,
      status: claim.status,
      owner: claim.owner,
      reasonCategory: claim.reasonCategory,
      payerClaimNumber: claim.payerClaimNumber,
      money: claim.responses?.netPaidCents,
      history: (await world.history(id)).map((e) => `${e.from}->${e.to} ${e.reason ?? ''}`),
      postings: (await readAllPages((p) => world.stores.ledger.claimPaymentsForClaim(id, p))).map(
        (r) => `${r.paymentKey} ${r.paidCents}`,
      ),
    });
  }
  const workItems = (await world.stores.workItems.listOpen()).items.map((i) => i.id).sort();
  return { claims, totals: await world.ledgerTotals(files), workItems };
}

describe('a crash at any write while applying responses', () => {
  it('is finished by the retry, ending exactly where an uninterrupted run ends', async () => {
    const clean = await run();
    expect(clean.crashes).toBe(0);
    const step = Math.max(1, Math.floor(clean.writes / 20));
    let crashed = 0;
    for (let failAt = 1; failAt <= clean.writes; failAt += step) {
      for (const when of ['before', 'after'] as const) {
        const faulted = await run(failAt, when);
        expect(faulted.crashes, `crash ${when} write ${failAt}`).toBe(1);
        expect(faulted.end, `crash ${when} write ${failAt}`).toEqual(clean.end);
        crashed += 1;
      }
    }
    expect(crashed).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
