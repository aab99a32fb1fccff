/**
 * Groups claims into the 837P hierarchy: one billing provider level (2000A) per billing provider, under it one
 * subscriber level (2000B) per subscriber and payer, and under that one patient level (2000C) per dependent
 * patient. A subscriber who is the patient gets a 2000B of their own with the claims directly under it (HL04 0),
 * separate from the 2000B that carries their dependents (HL04 1), so that each HL04 tells the truth. Groups keep
 * the order in which claims first reach them, and a group that would exceed the TR3's 100 claims per HL starts a
 * new level.
 */
import type { Claim837P } from './claim-837p.ts';
import { patientIsSubscriber } from './claim-837p.ts';
import { MAX } from './tr3-rules.ts';

export interface PatientLevel {
  claims: Claim837P[];
}

export interface SubscriberLevel {
  /** True when the subscriber is the patient of these claims (claims directly under 2000B). */
  self: boolean;
  claims: Claim837P[];
  patients: PatientLevel[];
}

export interface BillingProviderLevel {
  subscribers: SubscriberLevel[];
}

function billingKey(claim: Claim837P): string {
  return JSON.stringify(claim.billingProvider);
}

function subscriberKey(claim: Claim837P): string {
  const { subscriber, payer } = claim;
  return JSON.stringify([patientIsSubscriber(claim), subscriber, payer]);
}

function patientKey(claim: Claim837P): string {
  return JSON.stringify(claim.patient);
}

/** Group claims (in order) into billing provider, subscriber and patient levels. */
export function groupClaims(claims: readonly Claim837P[]): BillingProviderLevel[] {
  const providers = new Map<string, { level: BillingProviderLevel; subscribers: Map<string, SubscriberLevel> }>();
  const patientsBySubscriber = new Map<SubscriberLevel, Map<string, PatientLevel>>();
  for (const claim of claims) {
    const bKey = billingKey(claim);
    let provider = providers.get(bKey);
    if (!provider) {
      provider = { level: { subscribers: [] }, subscribers: new Map() };
      providers.set(bKey, provider);
    }
    const sKey = subscriberKey(claim);
    const self = patientIsSubscriber(claim);
    let subscriber = provider.subscribers.get(sKey);
    if (!subscriber || (self && subscriber.claims.length >= MAX.claimsPerHierarchicalLevel)) {
      subscriber = { self, claims: [], patients: [] };
      provider.subscribers.set(sKey, subscriber);
      provider.level.subscribers.push(subscriber);
    }
    if (self) {
      subscriber.claims.push(claim);
      continue;
    }
    let patients = patientsBySubscriber.get(subscriber);
    if (!patients) {
      patients = new Map();
      patientsBySubscriber.set(subscriber, patients);
    }
    const pKey = patientKey(claim);
    let patient = patients.get(pKey);
    if (!patient || patient.claims.length >= MAX.claimsPerHierarchicalLevel) {
      patient = { claims: [] };
      patients.set(pKey, patient);
      subscriber.patients.push(patient);
    }
    patient.claims.push(claim);
  }
  return [...providers.values()].map((p) => p.level);
}

/**
 * Split claims into transactions of at most `maxClaims` each. The hierarchy is built once and cut in order; a level
 * that straddles a cut is repeated (same data, new HL) at the start of the next transaction.
 */
export function splitIntoTransactions(claims: readonly Claim837P[], maxClaims: number): BillingProviderLevel[][] {
  if (!Number.isInteger(maxClaims) || maxClaims < 1) {
    throw new RangeError(`claims per transaction must be a positive integer, got ${maxClaims}`);
  }
  const grouped = groupClaims(claims);
  if (claims.length <= maxClaims) return [grouped];
  const transactions: BillingProviderLevel[][] = [];
  let current: BillingProviderLevel[] = [];
  let room = maxClaims;
  let open: { provider?: BillingProviderLevel; subscriber?: SubscriberLevel; patient?: PatientLevel } = {};
  const makeRoom = () => {
    if (room > 0) return;
    transactions.push(current);
    current = [];
    room = maxClaims;
    open = {};
  };
  const openSubscriber = (self: boolean): SubscriberLevel => {
    if (!open.provider) {
      open.provider = { subscribers: [] };
      current.push(open.provider);
    }
    if (!open.subscriber) {
      open.subscriber = { self, claims: [], patients: [] };
      open.provider.subscribers.push(open.subscriber);
    }
    return open.subscriber;
  };
  for (const provider of grouped) {
    open = {};
    for (const subscriber of provider.subscribers) {
      open = { provider: open.provider };
      for (const claim of subscriber.claims) {
        makeRoom();
        openSubscriber(subscriber.self).claims.push(claim);
        room--;
      }
      for (const patient of subscriber.patients) {
        open = { provider: open.provider, subscriber: open.subscriber };
        for (const claim of patient.claims) {
          makeRoom();
          const level = openSubscriber(subscriber.self);
          if (!open.patient) {
            open.patient = { claims: [] };
            level.patients.push(open.patient);
          }
          open.patient.claims.push(claim);
          room--;
        }
      }
    }
  }
  if (current.length > 0) transactions.push(current);
  return transactions;
}
