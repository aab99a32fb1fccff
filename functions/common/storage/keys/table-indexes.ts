/**
 * The ClaimFlow table's secondary indexes, as the stores query them. lib/ declares the same indexes on the table; the
 * dynalite tables of the tests are created from this list, and test/infra checks that the stack declares them all.
 *
 *   byStatus        gsi1pk / gsi1sk   "everything in status S, oldest change first" (documents and claims)
 *   byWorkQueue     gsi2pk / gsi2sk   a practice's work for one owner, by status then age (claims someone must act on);
 *                                     the outbox of QUEUED claims not yet sent; open follow-ups by due date
 *   byServiceDate   gsi3pk / gsi3sk   claims in status S by first date of service (timely filing)
 *   byDuplicateKey  dupKey            claims for one visit (the scrubber's duplicate edit)
 */
export interface TableIndex {
  indexName: string;
  partitionKey: string;
  sortKey?: string;
  /** Attributes copied into a KEYS_ONLY-plus index; absent means every attribute (ALL). */
  nonKeyAttributes?: string[];
}

export const TABLE_INDEXES: readonly TableIndex[] = [
  { indexName: 'byStatus', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'byWorkQueue', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  { indexName: 'byServiceDate', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  { indexName: 'byDuplicateKey', partitionKey: 'dupKey', nonKeyAttributes: ['id', 'status'] },
];
