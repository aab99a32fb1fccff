/**
 * follow-up: scheduled (daily by default). Raises a biller's work item for each claim with no 277CA or no 835 after
 * the payer's expected days, or nearing its timely-filing limit (core/followup). Reads claims, writes work items.
 */
import { z } from 'zod';
import { domainTableEnvironment, functionEnvironment } from '../environment.ts';

export const followUpEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  /** How many days beyond the longest wait each check looks back (runs missed for this long are made up). */
  FOLLOW_UP_LOOKBACK_DAYS: z.coerce.number().int().positive().max(366),
});

export type FollowUpEnvironment = z.infer<typeof followUpEnvironment>;
