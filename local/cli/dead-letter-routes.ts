/**
 * Which queue pair `claimflow dlq redrive --queue Q` works on, from the stack's outputs. Each consumer is safe to
 * redrive into: code-encounter answers a document it already settled as a duplicate, submit-claims sends a claim
 * version at most once (its submission record), and process-remittance applies a response file once (its
 * application record), so a redrive after the cause is fixed never bills or posts twice.
 */
export const DEAD_LETTER_QUEUES = {
  intake: { queue: 'IntakeQueueUrl', deadLetters: 'IntakeDeadLetterQueueUrl', what: 'intake notifications' },
  submission: { queue: 'SubmissionQueueUrl', deadLetters: 'SubmissionDeadLetterQueueUrl', what: 'claim submissions' },
  remittance: { queue: 'RemittanceQueueUrl', deadLetters: 'RemittanceDeadLetterQueueUrl', what: 'response files' },
} as const;

export type DeadLetterQueueName = keyof typeof DEAD_LETTER_QUEUES;

export interface DeadLetterRoute {
  queueUrl: string;
  deadLetterQueueUrl: string;
  what: string;
}

/** The route for `name`, or an error message naming what is unknown or missing. */
export function deadLetterRoute(
  name: string,
  outputs: Readonly<Record<string, string | undefined>>,
): DeadLetterRoute | { error: string } {
  if (!Object.hasOwn(DEAD_LETTER_QUEUES, name))
    return { error: `--queue must be one of ${Object.keys(DEAD_LETTER_QUEUES).join(', ')}, got "${name}"` };
  const names = DEAD_LETTER_QUEUES[name as DeadLetterQueueName];
  const queueUrl = outputs[names.queue];
  const deadLetterQueueUrl = outputs[names.deadLetters];
  if (!queueUrl || !deadLetterQueueUrl)
    return { error: `the stack has no ${names.queue}/${names.deadLetters} outputs` };
  return { queueUrl, deadLetterQueueUrl, what: names.what };
}
