/** Findings are part of the claim's record; the type lives with the claim so claims never import scrubbing. */
export type { Finding, FindingOwner, FindingSeverity } from '#core/claims/finding';
