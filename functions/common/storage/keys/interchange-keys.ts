/** Interchange records of the submission outbox: one item per interchange sent (or fenced off), by sender and ISA13. */
export const interchangeKey = (interchangeId: string) => ({ pk: `INTERCHANGE#${interchangeId}`, sk: 'INTERCHANGE' });
