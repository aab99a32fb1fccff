/**
 * Visits for tests that go through intake: ClaimFlow JSON documents (docs/formats) that code and scrub clean with the
 * sample practice configuration, so a test states only what its case is about (a member id that chooses a sandbox
 * outcome, a charge that is too large, a patient carrying known PHI) and inherits the rest.
 *
 * Dates are relative to the day the test runs (docs/dates.md): a fixed date would turn these clean visits into
 * timely-filing findings some day.
 */

const DAY_MS = 86_400_000;

/** The calendar date `days` days before `now` (UTC), as YYYY-MM-DD. */
export function daysAgo(days: number, now: number = Date.now()): string {
  return new Date(now - days * DAY_MS).toISOString().slice(0, 10);
}

export interface VisitPatient {
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  /** X12 individual relationship code ('18': self); absent, the document does not say. */
  relationshipToSubscriber?: string;
  /** Defaults to the patient being the subscriber, whose address the 837P's 2010BA then requires. */
  address?: { lines: string[]; city: string; state: string; postalCode: string };
}

export interface VisitProcedure {
  code: string;
  units: number;
  charge: string;
  diagnosisCodes: string[];
  modifiers?: string[];
}

export interface CleanVisitOptions {
  encounterId: string;
  patient?: VisitPatient;
  /** `null` leaves the member id out (a visit the scrubber sends to review). */
  memberId?: string | null;
  dateOfService?: string;
  renderingNpi?: string;
  diagnoses?: { code: string; display?: string }[];
  procedures?: VisitProcedure[];
  noteText?: string;
}

export const DEFAULT_VISIT_PATIENT: VisitPatient = {
  lastName: 'Haddad',
  firstName: 'Omar',
  birthDate: '1985-04-12',
  sex: 'M',
  address: { lines: ['17 Birch Court'], city: 'Springfield', state: 'IL', postalCode: '62702' },
};

/** One established-patient office visit for an upper respiratory infection, billed to the sandbox payer. */
export function cleanVisitJson(options: CleanVisitOptions): string {
  const patient = options.patient ?? DEFAULT_VISIT_PATIENT;
  return JSON.stringify({
    claimflowVersion: '1',
    encounter: {
      encounterId: options.encounterId,
      patient: {
        ...patient,
        address: patient.address ?? DEFAULT_VISIT_PATIENT.address,
      },
      subscriber: options.memberId === null ? {} : { memberId: options.memberId ?? 'SB555666777' },
      payer: { payerId: 'SANDBOX1' },
      billingProvider: { npi: '1987654328' },
      renderingProvider: { npi: options.renderingNpi ?? '1456789019', lastName: 'Ortiz', firstName: 'Lena' },
      placeOfService: '11',
      dateOfService: options.dateOfService ?? daysAgo(10),
      newPatient: false,
      totalTimeMinutes: 25,
      diagnoses: options.diagnoses ?? [{ code: 'J06.9' }],
      procedures: options.procedures ?? [{ code: '99213', units: 1, charge: '135.00', diagnosisCodes: ['J06.9'] }],
      noteText:
        options.noteText ?? 'Sore throat and congestion for three days. Assessment: acute upper respiratory infection.',
    },
  });
}
