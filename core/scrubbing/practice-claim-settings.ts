/**
 * The practice settings an 837P carries beyond the billing provider's identity, from the configured billing
 * provider of the claim: pay-to address (2010AB), service facility (2310C), claim indicators (CLM06-CLM09) and the
 * CLIA number on claims with a laboratory code the practice lists (REF*X4). A value the claim already has is kept.
 * Scrubbing applies it before its edits, so the claim it saves (and submission builds) carries them.
 */
import type { Claim } from '#core/claims/claim';
import { billingProviderByNpi, type PracticeConfig } from '#core/config/practice-config';

export function withPracticeClaimSettings(claim: Claim, config: PracticeConfig): Claim {
  const provider = billingProviderByNpi(config, claim.billingProvider.npi);
  if (!provider) return claim;
  const { payToAddress, serviceFacility, claimIndicators, clia } = provider;
  const needsClia = clia !== undefined && claim.lines.some((line) => clia.codes.includes(line.code.toUpperCase()));
  const settings = {
    ...(payToAddress && claim.payToAddress === undefined && { payToAddress }),
    ...(serviceFacility && claim.serviceFacility === undefined && { serviceFacility }),
    ...(claimIndicators && claim.indicators === undefined && { indicators: claimIndicators }),
    ...(needsClia && claim.clia === undefined && { clia: clia.number }),
  };
  return Object.keys(settings).length === 0 ? claim : { ...claim, ...settings };
}
