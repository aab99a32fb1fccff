/**
 * process-remittance: remittance queue → each pointer's raw response (999, 277CA, 835) read from `responses/raw/`
 * and applied to claims exactly once (core/remittance applyResponseFile): claim transitions with their history, the
 * remittance ledger, the provider ledger and work items, all in the domain table. It reads the archive only; it never
 * writes or deletes an object there (an unreadable file stays where it is, named by its work item).
 */
import type { z } from 'zod';
import {
  domainTableEnvironment,
  functionEnvironment,
  intakeBucketEnvironment,
  responseArchiveEnvironment,
} from '../environment.ts';

export const processRemittanceEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...intakeBucketEnvironment,
  RESPONSES_RAW_PREFIX: responseArchiveEnvironment.RESPONSES_RAW_PREFIX,
});

export type ProcessRemittanceEnvironment = z.infer<typeof processRemittanceEnvironment>;
