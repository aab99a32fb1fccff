/** Visit reservations: one item per visit key (a digest; never the member id and birth date it is made of). */
export const visitReservationKey = (visitKey: string) => ({ pk: `VISIT#${visitKey}`, sk: 'VISIT' });
