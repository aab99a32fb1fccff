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

/** Claims in the order the hierarchy writes them (provider, then subscriber, then patient). */
export function claimsInHierarchyOrder(levels: readonly BillingProviderLevel[]): Claim837P[] {
  return levels.flatMap((provider) =>
    provider.subscribers.flatMap((subscriber) => [
      ...subscriber.claims,
      ...subscriber.patients.flatMap((patient) => patient.claims),
    ]),
  );
}

/** Split claims into transactions of at most `maxClaims` each, every transaction grouped on its own. */
export function splitIntoTransactions(claims: readonly Claim837P[], maxClaims: number): BillingProviderLevel[][] {
  if (!Number.isInteger(maxClaims) || maxClaims < 1)
    throw new RangeError(`claims per transaction must be a positive integer, got ${maxClaims}`);
  const grouped = groupClaims(claims);
  if (claims.length <= maxClaims) return [grouped];
  const ordered = claimsInHierarchyOrder(grouped);
  const transactions: BillingProviderLevel[][] = [];
  for (let start = 0; start < ordered.length; start += maxClaims) {
    transactions.push(groupClaims(ordered.slice(start, start + maxClaims)));
  }
  return transactions;
}
