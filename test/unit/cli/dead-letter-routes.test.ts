import { describe, expect, it } from 'vitest';
import { deadLetterRoute } from '#local/cli/dead-letter-routes';

const OUTPUTS = {
  IntakeQueueUrl: 'https://sqs/intake',
  IntakeDeadLetterQueueUrl: 'https://sqs/intake-dlq',
  SubmissionQueueUrl: 'https://sqs/submission',
  SubmissionDeadLetterQueueUrl: 'https://sqs/submission-dlq',
  RemittanceQueueUrl: 'https://sqs/remittance',
  RemittanceDeadLetterQueueUrl: 'https://sqs/remittance-dlq',
};

describe('claimflow dlq redrive --queue', () => {
  it('moves each dead-letter queue back into the queue it came from', () => {
    expect(deadLetterRoute('intake', OUTPUTS)).toMatchObject({
      deadLetterQueueUrl: 'https://sqs/intake-dlq',
      queueUrl: 'https://sqs/intake',
    });
    expect(deadLetterRoute('submission', OUTPUTS)).toMatchObject({
      deadLetterQueueUrl: 'https://sqs/submission-dlq',
      queueUrl: 'https://sqs/submission',
    });
    expect(deadLetterRoute('remittance', OUTPUTS)).toMatchObject({
      deadLetterQueueUrl: 'https://sqs/remittance-dlq',
      queueUrl: 'https://sqs/remittance',
    });
  });

  it('names the queues it knows when given another, and the outputs a stack lacks', () => {
    expect(deadLetterRoute('toString', OUTPUTS)).toEqual({
      error: '--queue must be one of intake, submission, remittance, got "toString"',
    });
    const { RemittanceDeadLetterQueueUrl: _, ...older } = OUTPUTS;
    expect(deadLetterRoute('remittance', older)).toEqual({
      error: 'the stack has no RemittanceQueueUrl/RemittanceDeadLetterQueueUrl outputs',
    });
  });
});
