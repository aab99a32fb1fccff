/** Interchange and group control numbers (ISA13 / GS06): one counter item per sender, advanced by a conditional update. */
export const controlNumberKey = (senderId: string) => ({ pk: `CONTROL#${senderId}`, sk: 'COUNTER' });
