/** Checks the configured identities before they are written into ISA, GS, 1000A and 1000B. */
import { INTERCHANGE_ID_QUALIFIERS, type SubmitterIdentity } from './submitter-identity.ts';
import { PHONE } from './tr3-rules.ts';
import { characterProblem } from './x12-text.ts';

export class InvalidSubmitterIdentityError extends Error {
  constructor(problems: string[]) {
    super(`the submitter identity cannot be used for an 837P:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'InvalidSubmitterIdentityError';
  }
}

export function checkSubmitterIdentity(identity: SubmitterIdentity): void {
  const problems: string[] = [];
  const text = (value: string | undefined, what: string, min: number, max: number) => {
    if (value === undefined || value.length < min || value.length > max || value.trim() !== value || value === '') {
      problems.push(`${what} must be ${min} to ${max} characters without surrounding spaces, got "${value ?? ''}"`);
      return;
    }
    const problem = characterProblem(value);
    if (problem) problems.push(`${what} ${problem}`);
  };
  for (const [side, party] of [
    ['ISA06 sender', identity.interchangeSender],
    ['ISA08 receiver', identity.interchangeReceiver],
  ] as const) {
    if (!INTERCHANGE_ID_QUALIFIERS.includes(party.qualifier)) {
      problems.push(
        `${side} qualifier must be one of ${INTERCHANGE_ID_QUALIFIERS.join(', ')}, got "${party.qualifier}"`,
      );
    }
    text(party.id, `${side} id`, 1, 15);
  }
  text(identity.applicationSenderCode, 'GS02 application sender code', 2, 15);
  text(identity.applicationReceiverCode, 'GS03 application receiver code', 2, 15);
  text(identity.submitter.name, '1000A NM103 submitter name', 1, 60);
  text(identity.submitter.id, '1000A NM109 submitter id', 2, 80);
  text(identity.submitter.contact.name, '1000A PER02 contact name', 1, 60);
  const { phone, email } = identity.submitter.contact;
  if (!phone && !email) problems.push('1000A PER needs a contact phone or email');
  if (phone !== undefined && !PHONE.test(phone)) problems.push(`1000A PER TE phone must be ten digits, got "${phone}"`);
  if (email !== undefined) text(email, '1000A PER EM email', 1, 256);
  text(identity.receiver.name, '1000B NM103 receiver name', 1, 60);
  text(identity.receiver.id, '1000B NM109 receiver id', 2, 80);
  if (identity.usage !== 'T' && identity.usage !== 'P')
    problems.push(`ISA15 usage must be T or P, got "${identity.usage}"`);
  if (problems.length > 0) throw new InvalidSubmitterIdentityError(problems);
}
