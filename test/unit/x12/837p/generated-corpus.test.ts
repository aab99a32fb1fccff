/**
 * Round trip over a generated corpus: a few hundred seeded visits (claim-corpus.ts) with names that need
 * transliteration, suffixes, dependents, visits over 50 lines, NDC and CLIA lines, a service facility and a pay-to
 * address; each visit split as the pipeline splits it, built into 837P files of many claims, read back by our reader
 * (no issue, the same content as the claims say in X12 form) and, when it is present, judged by the independent
 * validator (pyx12). CORPUS_SEED and CORPUS_VISITS explore other corpora; CORPUS_REPORT=1 prints the counts.
 */
import { describe, expect, it } from 'vitest';
import { claimTo837P } from '#core/billing/claim-to-837p';
import type { Claim } from '#core/claims/claim';
import { splitClaim } from '#core/claims/split-claim';
import { build837P } from '#core/x12/837p/builder';
import {
  type Claim837P,
  DEFAULT_CLAIM_INDICATORS,
  type PostalAddress,
  type ProviderRef,
  patientIsSubscriber,
} from '#core/x12/837p/claim-837p';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { type Read837PClaim, read837P } from '#core/x12/837p/reader-837p';
import { foldText } from '#core/x12/837p/x12-text';
import { describeWithValidator, validateX12 } from '../../sandbox/independent-validator.ts';
import { generateCorpus } from './claim-corpus.ts';
import { IDENTITY, NOW } from './sample-claims.ts';

const SEED = Number(process.env.CORPUS_SEED ?? 20_261_202);
const VISITS = Number(process.env.CORPUS_VISITS ?? 300);
const CLAIMS_PER_FILE = 100;

const visits = generateCorpus({ seed: SEED, claims: VISITS });
const claims = visits.flatMap((visit) => splitClaim(visit));

function chunks<T>(values: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));
}

let built: Promise<string[]> | undefined;
/** The corpus as 837P files of CLAIMS_PER_FILE claims, built once for every test of this file. */
function files(): Promise<string[]> {
  built ??= (async () => {
    const controlNumbers = new InMemoryControlNumbers();
    const texts: string[] = [];
    for (const batch of chunks(claims, CLAIMS_PER_FILE))
      texts.push((await build837P(batch.map(claimTo837P), { identity: IDENTITY, controlNumbers, now: NOW })).text);
    return texts;
  })();
  return built;
}

const fold = (value: string | undefined) => (value === undefined ? undefined : foldText(value));
const foldAddress = (a: PostalAddress | undefined) =>
  a && { ...a, lines: a.lines.map((l) => foldText(l)), city: fold(a.city) };
function foldNames<T extends ProviderRef>(p: T): T {
  return {
    ...p,
    lastName: fold(p.lastName),
    firstName: fold(p.firstName),
    middleName: fold(p.middleName),
    suffix: fold(p.suffix),
    organizationName: fold(p.organizationName),
    address: foldAddress(p.address),
    payToAddress: foldAddress(p.payToAddress),
  };
}

/**
 * What the 837P says of a claim, in the form the reader gives back: names and addresses folded to ASCII (Ø→O,
 * ß→ss), a dependent's subscriber without demographics or address (2010BA carries them only for a self
 * subscriber), default claim indicators left implicit.
 */
function asWritten(claim: Claim): Claim837P {
  const x12 = claimTo837P(claim);
  const { birthDate, sex, address, ...subscriberName } = x12.subscriber;
  const self = patientIsSubscriber(x12);
  const defaults = JSON.stringify(x12.indicators) === JSON.stringify(DEFAULT_CLAIM_INDICATORS);
  const { indicators, ...rest } = x12;
  return {
    ...rest,
    ...(indicators && !defaults && { indicators }),
    patient: { ...foldNames(x12.patient), address: foldAddress(x12.patient.address) },
    subscriber: foldNames(self ? x12.subscriber : subscriberName),
    payer: { ...x12.payer, name: fold(x12.payer.name) },
    billingProvider: foldNames(x12.billingProvider),
    ...(x12.renderingProvider && { renderingProvider: foldNames(x12.renderingProvider) }),
    ...(x12.referringProvider && { referringProvider: foldNames(x12.referringProvider) }),
    ...(x12.serviceFacility && {
      serviceFacility: {
        ...x12.serviceFacility,
        name: foldText(x12.serviceFacility.name),
        address: foldAddress(x12.serviceFacility.address)!,
      },
    }),
  };
}

/** What the reader adds on top of the model: where a claim was found and which code set its diagnoses use. */
function modelOnly({ diagnosisCodeSet: _set, source: _source, ...claim }: Read837PClaim): Claim837P {
  return claim;
}

const byId = (list: Claim837P[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
/** Drops keys whose value is undefined, so a folded absent field equals a field the reader never set. */
const defined = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const NON_ASCII = /[^\x00-\x7f]/;
const coverage = {
  visits: visits.length,
  splitVisits: visits.filter((v) => v.lines.length > 50).length,
  claims: claims.length,
  linesOnSplitClaims: claims.filter((c) => c.split).reduce((n, c) => n + c.lines.length, 0),
  namesNeedingTransliteration: visits.filter((v) =>
    /[ØøŁłßÆæÞþĐđ]/.test(`${v.patient.lastName}${v.patient.firstName}${v.subscriber.lastName}`),
  ).length,
  otherNonAscii: visits.filter((v) => NON_ASCII.test(JSON.stringify(v))).length,
  suffixes: visits.filter((v) => v.patient.suffix ?? v.subscriber.suffix).length,
  dependents: visits.filter((v) => v.patient.relationshipToSubscriber !== '18').length,
  drugLinesWithNdc: claims.flatMap((c) => c.lines).filter((l) => l.drug).length,
  cliaClaims: claims.filter((c) => c.clia).length,
  serviceFacilities: claims.filter((c) => c.serviceFacility).length,
  payToAddresses: claims.filter((c) => c.payToAddress).length,
  referringProviders: claims.filter((c) => c.referringProvider).length,
  replacements: claims.filter((c) => c.frequency === '7').length,
};

describe(`a generated corpus of ${VISITS} visits (seed ${SEED})`, () => {
  it('covers what real claims carry: every kind of content at least once', () => {
    if (process.env.CORPUS_REPORT) process.stdout.write(`corpus: ${JSON.stringify(coverage)}\n`);
    for (const [what, count] of Object.entries(coverage)) expect(count, what).toBeGreaterThan(0);
  });

  it('splits every visit over 50 lines into claims of at most 50 that the 837P claim checks accept', () => {
    expect(claims.every((c) => c.lines.length <= 50)).toBe(true);
    const refused = claims.flatMap((c) => check837PClaims([claimTo837P(c)]).map((i) => `${c.id} ${i.message}`));
    expect(refused).toEqual([]);
  });

  it('builds into 837P files that read back without an issue and with the same content', async () => {
    const texts = await files();
    expect(texts).toHaveLength(Math.ceil(claims.length / CLAIMS_PER_FILE));
    const read = texts.map((text) => read837P(text));
    expect(read.flatMap((r) => r.issues)).toEqual([]);
    expect(defined(byId(read.flatMap((r) => r.claims.map(modelOnly))))).toEqual(defined(byId(claims.map(asWritten))));
  }, 60_000);
});

describeWithValidator(`the generated corpus, judged by the independent validator (pyx12)`, () => {
  it('finds every file valid', async () => {
    const texts = await files();
    const { valid, report } = validateX12(Object.fromEntries(texts.map((text, i) => [`corpus-${i + 1}`, text])));
    if (process.env.CORPUS_REPORT) process.stdout.write(`pyx12 over ${texts.length} files:\n${report}\n`);
    expect(valid, report).toBe(true);
  }, 300_000);
});
