/**
 * One throwaway ClaimFlow table (test/support/dynalite.ts) for the enclosing suite: started before its tests, stopped
 * after them. Apart from dynalite.ts because it registers vitest hooks, and the benches use dynalite.ts outside vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import { startClaimFlowTable } from './dynalite.ts';

export type ClaimFlowTable = Awaited<ReturnType<typeof startClaimFlowTable>>;

/** The suite's table, to read inside tests and store factories (not at collection time: it starts in beforeAll). */
export function claimFlowTableForSuite(): () => ClaimFlowTable {
  let table: ClaimFlowTable | undefined;
  beforeAll(async () => {
    table = await startClaimFlowTable();
  });
  afterAll(async () => {
    await table?.stop();
  });
  return () => {
    if (!table) throw new Error('the suite table is read before its beforeAll started it');
    return table;
  };
}
