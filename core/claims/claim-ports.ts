/** What claim persistence and submission must do; DynamoDB and SQS adapters live in functions/common. */
import type { Claim } from './claim.ts';

export interface ClaimStore {
  /** Creates the claim unless it exists; returns the stored claim either way. */
  create(claim: Claim, documentId: string): Promise<{ created: boolean; claim: Claim }>;
  /** Stores `next`, computed from the stored claim at version `next.version - 1`, or fails. */
  save(next: Claim): Promise<void>;
}

export interface ClaimSubmissions {
  /** Queues a READY claim for submission to the clearinghouse. Consumers dedupe on claim id and version. */
  publish(claim: Claim): Promise<void>;
}
