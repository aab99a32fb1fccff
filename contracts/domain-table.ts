/**
 * What the stack and the functions agree on about the domain table beyond its keys: the attribute DynamoDB's time
 * to live reads. Only short-lived bookkeeping carries it (a webhook sender's failure counter); domain data never
 * does, so the TTL clean-up cannot delete a claim, an event or a posting.
 */

/** Epoch seconds after which DynamoDB may delete the item (TTL); named so no domain attribute can collide with it. */
export const DOMAIN_TABLE_TTL_ATTRIBUTE = 'ttlExpiresAt';
