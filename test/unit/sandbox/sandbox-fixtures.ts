/** Claims, 837Ps and a sandbox on a fake clock for the sandbox tests. */
import { build837P } from '#core/x12/837p/builder';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import type { SubmitterIdentity } from '#core/x12/837p/submitter-identity';
import { loadSandboxData } from '#local/sandbox/payer-data';
import { type Clock, Sandbox, type SandboxOptions } from '#local/sandbox/sandbox';
import { MemorySandboxStore } from '#local/sandbox/state-store';

export const IDENTITY: SubmitterIdentity = {
  interchangeSender: { qualifier: 'ZZ', id: 'CLAIMFLOW' },
  interchangeReceiver: { qualifier: 'ZZ', id: 'SANDBOXCH' },
  applicationSenderCode: 'CLAIMFLOW',
  applicationReceiverCode: 'SANDBOXCH',
  submitter: { name: 'CLAIMFLOW BILLING', id: 'CLAIMFLOW01', contact: { name: 'EDI DESK', phone: '2175550100' } },
  receiver: { name: 'CLAIMFLOW SANDBOX', id: 'SANDBOXCH' },
  usage: 'T',
};

/** An established-patient visit with a glucose test: 99213 ($125, payer allows $91.75) + 82947 ($25.50). */
export function visit(id: string, memberId: string, overrides: Partial<Claim837P> = {}): Claim837P {
  return {
    id,
    frequency: '1',
    placeOfService: '11',
    patient: { lastName: 'DOE', firstName: 'JANE', birthDate: '1980-02-29', sex: 'F', relationshipToSubscriber: '18' },
    subscriber: {
      lastName: 'DOE',
      firstName: 'JANE',
      birthDate: '1980-02-29',
      sex: 'F',
      memberId,
      address: { lines: ['12 ELM ST'], city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
    },
    payer: { name: 'SANDBOX HEALTH PLAN', payerId: 'SANDBOX1', filingIndicator: 'CI', responsibility: 'P' },
    billingProvider: {
      organizationName: 'MAPLE GROVE FAMILY MEDICINE',
      npi: '1987654328',
      tin: '841234567',
      taxonomy: '207Q00000X',
      address: { lines: ['400 MAPLE GROVE RD'], city: 'SPRINGFIELD', state: 'IL', postalCode: '627011500' },
    },
    renderingProvider: { lastName: 'OKAFOR', firstName: 'SAMUEL', npi: '1765432103', taxonomy: '207Q00000X' },
    diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
    lines: [
      {
        code: '99213',
        system: 'CPT',
        modifiers: [],
        units: 1,
        chargeCents: 12500,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-11-20',
        controlNumber: `${id}-1`,
      },
      {
        code: '82947',
        system: 'CPT',
        modifiers: [],
        units: 1,
        chargeCents: 2550,
        diagnosisPointers: [1],
        serviceDate: '2026-11-20',
        controlNumber: `${id}-2`,
      },
    ],
    totalChargeCents: 15050,
    ...overrides,
  };
}

let interchange = 100;

export async function batch837(claims: Claim837P[]): Promise<string> {
  const built = await build837P(claims, {
    identity: IDENTITY,
    controlNumbers: new InMemoryControlNumbers({ interchange: interchange++, group: 7, transaction: 1 }),
    now: new Date('2026-11-23T14:05:00Z'),
  });
  return built.text;
}

export class FakeClock implements Clock {
  constructor(public ms = Date.parse('2026-11-23T15:00:00Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const DATA = loadSandboxData();

export function sandbox(options: Partial<SandboxOptions> = {}) {
  const clock = options.clock instanceof FakeClock ? options.clock : new FakeClock();
  const store = (options.store as MemorySandboxStore | undefined) ?? new MemorySandboxStore();
  const instance = new Sandbox({ data: DATA, store, clock, seed: 7, ...options });
  return { sandbox: instance, clock, store };
}

/** Advance the fake clock step by step, running what falls due, until nothing is owed (or `maxMs` passed). */
export async function settle(s: Sandbox, clock: FakeClock, maxMs = 48 * 3_600_000): Promise<void> {
  const end = clock.ms + maxMs;
  await s.runDue();
  for (let next = s.nextDueAt(); next !== undefined && next <= end; next = s.nextDueAt()) {
    clock.ms = Math.max(clock.ms, next);
    await s.runDue();
  }
}
