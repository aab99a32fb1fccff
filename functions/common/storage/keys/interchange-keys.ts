/** Interchange records of the submission outbox: one item per interchange sent (or fenced off), by sender and ISA13. */
export const interchangeKey = (interchangeId: string) => ({ pk: `INTERCHANGE#${interchangeId}`, sk: 'INTERCHANGE' });

/**
 * A pointer from a sender's functional group (GS06) to the interchange that carried it, written before the
 * interchange is sealed (a pointer to an interchange that was never created is harmless: it resolves to nothing), so a
 * 999, which names only the GS06, finds the claims it is about.
 */
export const groupPointerKey = (senderId: string, groupControlNumber: number) => ({
  pk: `GROUP#${senderId}#${groupControlNumber}`,
  sk: 'GROUP',
});
