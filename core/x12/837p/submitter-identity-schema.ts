/** The JSON form of a SubmitterIdentity, as configuration files hold it. */
import { z } from 'zod';
import { INTERCHANGE_ID_QUALIFIERS, type SubmitterIdentity } from './submitter-identity.ts';

const party = z.object({ qualifier: z.enum(INTERCHANGE_ID_QUALIFIERS), id: z.string() });

export const submitterIdentitySchema = z.object({
  interchangeSender: party,
  interchangeReceiver: party,
  applicationSenderCode: z.string(),
  applicationReceiverCode: z.string(),
  submitter: z.object({
    name: z.string(),
    id: z.string(),
    contact: z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional() }),
  }),
  receiver: z.object({ name: z.string(), id: z.string() }),
  usage: z.enum(['T', 'P']),
  acknowledgmentRequested: z.boolean().optional(),
}) satisfies z.ZodType<SubmitterIdentity>;
