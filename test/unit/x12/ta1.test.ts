import { describe, expect, it } from 'vitest';
import { readTypedX12 } from '#core/x12/typed';
import { readX12Fixture } from './read-fixture.ts';

describe('TA1 interchange acknowledgment', () => {
  it('reads a rejected interchange with its note code explained', () => {
    const typed = readTypedX12(readX12Fixture('ta1-rejected.x12'));

    expect(typed.interchangeAcknowledgments).toEqual([
      {
        position: 2,
        controlNumber: '000000101',
        date: '261120',
        time: '1200',
        status: 'R',
        statusDescription: 'rejected because of errors',
        noteCode: '001',
        noteDescription: 'the interchange control number in the header and trailer do not match',
      },
    ]);
    expect(typed.transactions).toEqual([]);
  });

  it('rejects an acknowledgment code other than A, E or R', () => {
    const text = readX12Fixture('ta1-rejected.x12').replace('*R*001', '*Z*001');

    expect(() => readTypedX12(text)).toThrow('segment 2 (TA1): TA104 must be A, E or R, found "Z"');
  });
});
