import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse999 } from '#core/x12/999/parse-999';
import { allTransactions, readX12 } from '#core/x12/reader';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { readX12Fixture } from './read-fixture.ts';

function acknowledgmentFrom(text: string) {
  const [first] = allTransactions(readX12(text));
  if (!first) throw new Error('no transaction set');
  return parse999(first.transaction);
}

describe('999 implementation acknowledgment', () => {
  const acknowledgment = acknowledgmentFrom(readX12Fixture('999-rejected-ik3-ik4.x12'));

  it('reads the acknowledged group and the group verdict', () => {
    expect(acknowledgment.acknowledgedGroup).toEqual({
      functionalId: 'HC',
      controlNumber: '101',
      version: '005010X222A1',
      position: 4,
    });
    expect(acknowledgment.groupResponse).toEqual({
      position: 16,
      status: 'P',
      statusDescription: 'partially accepted, at least one transaction set was rejected',
      transactionSetsIncluded: 2,
      transactionSetsReceived: 2,
      transactionSetsAccepted: 1,
      errorCodes: [],
    });
  });

  it('reads each transaction set response with its IK5 verdict', () => {
    expect(acknowledgment.transactionResponses.map((r) => [r.controlNumber, r.status, r.errorCodes])).toEqual([
      ['0001', 'R', ['5']],
      ['0002', 'A', []],
    ]);
  });

  it('reads IK3 segment errors with their CTX business unit and IK4 element errors', () => {
    const [nameError, claimError] = acknowledgment.transactionResponses[0]?.segmentErrors ?? [];

    expect(nameError).toMatchObject({
      segmentId: 'NM1',
      segmentPosition: 7,
      loopId: '2010BA',
      errorCode: '8',
      contexts: [{ name: 'CLM01', reference: 'PCN4001' }],
    });
    expect(
      nameError?.elementErrors.map((e) => [e.elementPosition, e.referenceNumber, e.errorCode, e.badValue]),
    ).toEqual([
      [8, '66', '7', 'ZZ'],
      [9, '67', '1', undefined],
    ]);
    expect(claimError?.elementErrors[0]).toMatchObject({
      elementPosition: 5,
      componentPosition: 3,
      referenceNumber: '1325',
      errorCode: '7',
      badValue: '9',
    });
  });

  it('rejects an IK4 without its IK3', () => {
    const text = readX12Fixture('999-rejected-ik3-ik4.x12')
      .replace('IK3*NM1*7*2010BA*8~\nCTX*CLM01:PCN4001~\n', '')
      .replace('SE*15*0001', 'SE*13*0001');

    expect(() => acknowledgmentFrom(text)).toThrow('segment 6 (IK4): IK4 must follow the IK3 of its segment');
  });

  it('rejects an unknown IK5 code, listing the valid ones', () => {
    const text = readX12Fixture('999-rejected-ik3-ik4.x12').replace('IK5*A~', 'IK5*Q~');

    expect(() => acknowledgmentFrom(text)).toThrow(
      'segment 15 (IK5): IK501 must be one of A, E, M, R, W, X, found "Q"',
    );
  });
});

describeWithSharedData('999 official samples', ['x12', '999'], () => {
  it('reads the Wisconsin sample: situational trigger context on IK3, then the business unit', () => {
    const text = readFileSync(sharedData('x12', '999', 'oopfactory_999_DHS_Wisconsin_Sample.txt'), 'utf8');

    const acknowledgment = acknowledgmentFrom(text);

    const third = acknowledgment.transactionResponses[2];
    expect(third?.segmentErrors[0]?.contexts).toEqual([
      {
        name: 'SITUATIONAL TRIGGER',
        segmentId: 'CLM',
        segmentPosition: 43,
        elementPosition: '5:3',
        elementReference: 'C023:1325',
      },
      { name: 'CLM01', reference: '987654321' },
    ]);
    expect(acknowledgment.groupResponse.status).toBe('P');
  });
});
