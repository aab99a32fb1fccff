/**
 * What an edit is: a small named check with a stable id, a fixed severity and owner, the source it enforces and an
 * example for the catalogue (docs/edits.md is generated from these definitions). An edit reports hits (message, field,
 * fix); the library turns each hit into a Finding with the edit's id, severity, owner and source.
 */
import type { Claim } from '#core/claims/claim';
import type { CodeSets } from '#core/codesets/index';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import type { PayerConfig, PracticeConfig } from '#core/config/practice-config';
import type { IsoDate } from '#core/documents/encounter';
import type { FindingOwner, FindingSeverity } from './finding.ts';
import type { ScrubLookups } from './lookup-cache.ts';
import type { PayerRuleSet, PayerRules } from './payer-rules.ts';
import type { PriorClaims } from './prior-claims.ts';

export interface ScrubPorts {
  codeSets: CodeSets;
  config: PracticeConfig;
  payerRules: PayerRules;
  /** The scrubbing date: dates of service after it are in the future, timely filing counts up to it. */
  today: IsoDate;
  priorClaims: PriorClaims;
}

export type EditCategory = 'repair' | 'diagnosis' | 'procedure' | 'ncci' | 'modifier' | 'claim-data' | 'payer' | 'x12';

/** One problem an edit found. `source` overrides the edit's own when the hit names a versioned table or rule file. */
export interface EditHit {
  message: string;
  field: string;
  suggestedFix?: string;
  source?: string;
}

/** Everything an edit may read, computed once per claim. */
export interface ScrubContext {
  /** The claim after repairs: codes and modifiers canonical (REPAIR-PROC-FORMAT), lines dated where known. */
  claim: Claim;
  /** The diagnosis codes undotted, as the code set lookups key them (`E119`). */
  diagnosisCodes: readonly string[];
  coded: CodedEncounter;
  ports: ScrubPorts;
  /** The code set lookups the edits use (memoized over `ports.codeSets`). */
  lookups: ScrubLookups;
  /** Date of service of each line (the line's own, else the encounter's); undefined when neither is a real date. */
  lineDates: readonly (IsoDate | undefined)[];
  /** The earliest date of service on the claim (what code sets, timely filing and age are measured against). */
  firstDate: IsoDate | undefined;
  payer: PayerConfig | undefined;
  /** The payer's rules in effect on the first date of service, if the payer has a rules file. */
  payerRules: PayerRuleSet | undefined;
}

/** What the catalogue (docs/edits.md) shows of every edit and repair. */
export interface CatalogueEntry {
  id: string;
  category: EditCategory;
  severity: FindingSeverity;
  owner: FindingOwner;
  /** What the edit checks, in one sentence, for the catalogue. */
  checks: string;
  /** Where the rule comes from (guideline section, CMS table, payer rule file). */
  source: string;
  /** A claim that fires it, in words. */
  example: string;
}

export interface EditDefinition extends CatalogueEntry {
  check(context: ScrubContext): EditHit[] | Promise<EditHit[]>;
}

/**
 * A repair: a deterministic, non-clinical fix applied before the edits run (severity `repaired`). It returns the
 * claim unchanged (the same object) when there is nothing to repair.
 */
export interface RepairDefinition extends CatalogueEntry {
  repair(claim: Claim, context: ScrubContext): { claim: Claim; hits: EditHit[] };
}

/** An edit that does not depend on anything asynchronous (all but the duplicate-claim edit). */
export type SyncEditDefinition = EditDefinition & { check(context: ScrubContext): EditHit[] };

export const NO_HITS: EditHit[] = [];
