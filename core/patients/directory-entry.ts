import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');

/** The address the 837P's 2010BA needs when the patient is the subscriber (N3/N4). */
const address = z.object({
  lines: z.array(z.string().min(1)).min(1).max(2),
  city: z.string().min(1),
  state: z.string().length(2),
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/),
});

/**
 * One patient of the practice's patient directory (what its practice management system knows and documents often
 * lack: a clinical note has no place for the address the 837P needs). Matched by the practice's MRN, or by member id
 * and date of birth together; never by name alone.
 */
export const patientDirectoryEntrySchema = z
  .object({
    mrn: z.string().min(1).optional(),
    memberId: z.string().min(2).optional(),
    lastName: z.string().min(1),
    firstName: z.string().min(1).optional(),
    birthDate: isoDate,
    address,
  })
  .refine((entry) => entry.mrn !== undefined || entry.memberId !== undefined, {
    message: 'a directory entry needs an mrn or a memberId to be matched by',
  });

export type PatientDirectoryEntry = z.infer<typeof patientDirectoryEntrySchema>;
