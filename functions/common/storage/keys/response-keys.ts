/**
 * Responses on the ClaimFlow table: each claim's response events beside the claim (`CLAIM#<id>` /
 * `RESPONSE#<event key>`, one Query gives them all), one application record per response file
 * (`RESPONSEFILE#<sha256>`), and work items (`WORKITEM#<id>`), listed open by the byStatus index
 * (`WORKITEMSTATUS#OPEN`, oldest first).
 */
import { claimPartition } from './claim-keys.ts';

export const RESPONSE_EVENT_PREFIX = 'RESPONSE#';
export const responseEventKey = (claimId: string, eventKey: string) => ({
  pk: claimPartition(claimId),
  sk: `${RESPONSE_EVENT_PREFIX}${eventKey}`,
});

export const responseFileKey = (fileId: string) => ({ pk: `RESPONSEFILE#${fileId}`, sk: 'RESPONSEFILE' });

export const workItemKey = (id: string) => ({ pk: `WORKITEM#${id}`, sk: 'WORKITEM' });
export const workItemStatusPartition = (status: string) => `WORKITEMSTATUS#${status}`;
