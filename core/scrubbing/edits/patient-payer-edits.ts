/**
 * Who is billed: the payer id, the subscriber's member id, the patient's date of birth and sex. Messages never quote
 * the member id or the date of birth (PHI): findings are stored on the claim and shown in work queues.
 */
import { isRealDate } from '../context.ts';
import { NO_HITS, type SyncEditDefinition } from '../edit.ts';

const TR3 = 'ASC X12 837P 005010X222A1';
/** Medicare Beneficiary Identifier: 11 characters, no S, L, O, I, B or Z (CMS MBI format specification). */
const MBI = /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d[AC-HJKMNP-RT-Y]{2}\d{2}$/;
const MEMBER_ID = /^[A-Z0-9]{2,20}$/;

export const payerId: SyncEditDefinition = {
  id: 'PAYER-ID',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The claim names a payer id, and that payer is in the practice’s payer directory.',
  source: `${TR3} loop 2010BB NM109; practice configuration payer directory`,
  example: 'Payer id ACME99 that the practice has not configured.',
  check(context) {
    const id = context.claim.payer.payerId;
    if (id && context.payer) return NO_HITS;
    return [
      {
        message: id ? `Payer id ${id} is not in the practice’s payer directory.` : 'The claim has no payer id.',
        field: 'payer.payerId',
        suggestedFix: id
          ? 'Correct the payer id from the patient’s insurance card, or add the payer to the configuration.'
          : 'Enter the payer id from the patient’s insurance card.',
      },
    ];
  },
};

export const memberId: SyncEditDefinition = {
  id: 'MEMBER-ID',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks:
    'The subscriber’s member id is present and well formed: 2-20 letters and digits; for Medicare (filing indicator MB) a valid MBI.',
  source: `${TR3} loop 2010BA NM109; CMS Medicare Beneficiary Identifier format`,
  example: 'Member id missing, or Medicare member id 1EG4-TE5-MK73 written with a letter O.',
  check(context) {
    const id = context.claim.subscriber.memberId;
    const medicare = (context.payer?.filingIndicator ?? context.claim.payer.filingIndicator) === 'MB';
    let problem: string | undefined;
    if (!id) problem = 'The subscriber’s member id is missing.';
    else if (medicare && !MBI.test(id))
      problem = 'The member id is not a valid Medicare Beneficiary Identifier (11 characters, no S, L, O, I, B or Z).';
    else if (!MEMBER_ID.test(id)) problem = 'The member id is not 2-20 letters and digits.';
    return problem
      ? [
          {
            message: problem,
            field: 'subscriber.memberId',
            suggestedFix: 'Copy the member id exactly from the insurance card (or verify eligibility, X12 270).',
          },
        ]
      : NO_HITS;
  },
};

export const patientBirthDate: SyncEditDefinition = {
  id: 'PATIENT-DOB',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The patient’s date of birth is present, a real date, not in the future and not after the date of service.',
  source: `${TR3} loop 2010BA/2010CA DMG02`,
  example: 'Date of birth 2031-04-02 on a 2026 claim.',
  check(context) {
    const dob = context.claim.patient.birthDate;
    const dos = context.firstDate;
    let problem: string | undefined;
    if (!dob) problem = 'The patient’s date of birth is missing.';
    else if (!isRealDate(dob)) problem = 'The patient’s date of birth is not a real calendar date.';
    else if (dob > context.ports.today) problem = 'The patient’s date of birth is in the future.';
    else if (dos !== undefined && dob > dos) problem = 'The patient’s date of birth is after the date of service.';
    return problem
      ? [{ message: problem, field: 'patient.birthDate', suggestedFix: 'Correct the date of birth from registration.' }]
      : NO_HITS;
  },
};

export const patientSex: SyncEditDefinition = {
  id: 'PATIENT-SEX',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The patient’s sex is recorded as F, M or U.',
  source: `${TR3} loop 2010BA/2010CA DMG03`,
  example: 'Patient sex missing.',
  check(context) {
    const sex = context.claim.patient.sex as string | undefined;
    if (sex === 'F' || sex === 'M' || sex === 'U') return NO_HITS;
    return [
      {
        message: sex ? `The patient’s sex "${sex}" is not F, M or U.` : 'The patient’s sex is missing.',
        field: 'patient.sex',
        suggestedFix: 'Record F, M or U (unknown) from registration.',
      },
    ];
  },
};

export const PATIENT_PAYER_EDITS: readonly SyncEditDefinition[] = [payerId, memberId, patientBirthDate, patientSex];
