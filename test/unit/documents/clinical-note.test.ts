import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '#core/documents/detect';
import { missingInformation } from '#core/documents/missing-information';
import { parseClinicalNote } from '#core/documents/note/parse-note';
import type { ParseResult } from '#core/documents/parse-result';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

const noteText = readFileSync(
  fileURLToPath(new URL('../../fixtures/documents/note/diabetes-htn-follow-up.txt', import.meta.url)),
  'utf8',
);
const source = { key: 'inbox/note.txt' };

function onlyEncounter(result: ParseResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.reason}: ${result.message}`);
  return result.encounters[0]!;
}

describe('clinical note: header fields', () => {
  const result = parseClinicalNote(noteText, source);
  const encounter = onlyEncounter(result);

  it('reads the patient, written last name first', () => {
    expect(encounter.patient).toEqual({
      lastName: 'Rivera',
      firstName: 'Ana',
      middleName: 'L.',
      birthDate: '1961-04-12',
      sex: 'F',
    });
  });

  it('reads the date of service, coverage and payer id in parentheses', () => {
    expect(encounter.dateOfService).toBe('2026-11-02');
    expect(encounter.subscriber).toEqual({ memberId: 'SBX123456789' });
    expect(encounter.payer).toEqual({ name: 'Sandbox Health Plan', payerId: 'SANDBOX1' });
  });

  it('reads providers, place of service, visit type and total time', () => {
    expect(encounter.renderingProvider).toEqual({ firstName: 'Lena', lastName: 'Ortiz', npi: '1456789019' });
    expect(encounter.billingProvider).toEqual({ npi: '1987654328' });
    expect(encounter.placeOfService).toBe('11');
    expect(encounter.newPatient).toBe(false);
    expect(encounter.totalTimeMinutes).toBe(25);
    expect(missingInformation(encounter)).toEqual([]);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('keeps the whole text, unchanged, as the note', () => {
    expect(encounter.noteText).toBe(noteText);
  });
});

describe('clinical note: the patient’s address (the 837P needs it when the patient is the subscriber)', () => {
  const withAddress = (line: string) =>
    onlyEncounter(
      parseClinicalNote(`Patient: Kim, Daniel\n${line}\nDate of service: 2026-11-04\n\nPLAN:\nRest.`, source),
    );

  it.each([
    [
      'Address: 218 Cedar Ln, Springfield, IL 62704',
      { lines: ['218 Cedar Ln'], city: 'Springfield', state: 'IL', postalCode: '62704' },
    ],
    [
      'Patient address: 1450 W Jefferson St, Apt 3B, Springfield, il 62702-1234',
      { lines: ['1450 W Jefferson St', 'Apt 3B'], city: 'Springfield', state: 'IL', postalCode: '627021234' },
    ],
    [
      'Home address: 9 Birch Ct, East Peoria IL 61611',
      { lines: ['9 Birch Ct'], city: 'East Peoria', state: 'IL', postalCode: '61611' },
    ],
  ])('reads "%s"', (line, address) => {
    expect(withAddress(line).patient.address).toEqual(address);
  });

  it('leaves out an address it cannot read whole, with a warning that does not quote it', () => {
    const result = parseClinicalNote(
      'Patient: Kim, Daniel\nAddress: 218 Cedar Ln\n\nASSESSMENT:\nBack strain.\nPLAN:\nRest.',
      source,
    );
    expect(onlyEncounter(result).patient.address).toBeUndefined();
    expect(result.ok && result.warnings).toEqual([
      'header field "Address" could not be read (expected "street[, line 2], city, ST ZIP" on one line); left out',
    ]);
  });
});

describe('clinical note: sections', () => {
  const encounter = onlyEncounter(parseClinicalNote(noteText, source));
  const body = (name: string) => {
    const section = encounter.sections!.find((s) => s.name === name)!;
    return noteText.slice(section.start, section.end);
  };

  it('finds the sections in order', () => {
    expect(encounter.sections!.map((s) => s.name)).toEqual([
      'CHIEF COMPLAINT',
      'HPI',
      'ROS',
      'PE',
      'ASSESSMENT AND PLAN',
    ]);
  });

  it('gives offsets of each body, on the heading line or below it', () => {
    expect(body('CHIEF COMPLAINT')).toBe('Diabetes and blood pressure follow-up.');
    expect(body('PE')).toBe('BP 138/86, HR 72. Feet: monofilament sensation intact bilaterally.');
    expect(body('ASSESSMENT AND PLAN')).toMatch(/^1\. Type 2 diabetes mellitus .*\n\nTotal time: 25 minutes$/s);
  });

  it('reads a note saved with CRLF line breaks the same way', () => {
    const crlf = noteText.replaceAll('\n', '\r\n');
    const encounter = onlyEncounter(parseClinicalNote(crlf, source));
    expect(encounter.patient.lastName).toBe('Rivera');
    expect(encounter.totalTimeMinutes).toBe(25);
    const pe = encounter.sections!.find((s) => s.name === 'PE')!;
    expect(crlf.slice(pe.start, pe.end)).toBe('BP 138/86, HR 72. Feet: monofilament sensation intact bilaterally.');
  });

  it('reads upper-case headings alone on their line, not ordinary words', () => {
    const text = 'Patient: Doe, Jo\nASSESSMENT\nAcute sinusitis.\nPlan\nis not a heading here.\nPLAN\nAmoxicillin.';
    const sections = onlyEncounter(parseClinicalNote(text, source)).sections!;
    expect(sections.map((s) => [s.name, text.slice(s.start, s.end)])).toEqual([
      ['ASSESSMENT', 'Acute sinusitis.\nPlan\nis not a heading here.'],
      ['PLAN', 'Amoxicillin.'],
    ]);
  });
});

describe('clinical note: transcription exports with flattened line breaks', () => {
  // Line breaks replaced by commas, as in the Kaggle MTSamples export.
  const flattened =
    'SUBJECTIVE:,  This 61-year-old man presents with cough for 5 days.  No fever.,PAST MEDICAL HISTORY: , ' +
    'Hypertension.,MEDICATIONS:, Lisinopril 10 mg daily.,ASSESSMENT:,  Acute bronchitis.,PLAN:, Supportive care.';

  it('finds capitalised headings inside a line and trims the commas around each body', () => {
    const encounter = onlyEncounter(parseClinicalNote(flattened, source));
    expect(encounter.sections!.map((s) => [s.name, flattened.slice(s.start, s.end)])).toEqual([
      ['SUBJECTIVE', 'This 61-year-old man presents with cough for 5 days.  No fever.'],
      ['PAST MEDICAL HISTORY', 'Hypertension.'],
      ['MEDICATIONS', 'Lisinopril 10 mg daily.'],
      ['ASSESSMENT', 'Acute bronchitis.'],
      ['PLAN', 'Supportive care.'],
    ]);
  });

  it('does not take a lower-case word before a colon inside a sentence for a heading', () => {
    const text = 'HPI: Seen today. The plan: rest and fluids, assessment: pending labs.';
    expect(onlyEncounter(parseClinicalNote(text, source)).sections!.map((s) => s.name)).toEqual(['HPI']);
  });
});

describeWithSharedData('clinical note: MTSamples transcriptions', ['mtsamples'], () => {
  it('reads every transcription of 200+ characters as a clinical note, nearly all with sections', async () => {
    const { parseCsv } = await import('#core/documents/csv/rfc4180');
    const folder = sharedData('mtsamples');
    const file = (await import('node:fs')).readdirSync(folder).find((name) => name.endsWith('.csv'))!;
    const csv = parseCsv(readFileSync(`${folder}/${file}`, 'utf8'));
    if (!csv.ok) throw new Error(csv.message);
    const transcriptions = csv.records.map((record) => record.cells[4] ?? '').filter((text) => text.trim() !== '');
    expect(transcriptions.length).toBeGreaterThan(350);
    const withoutSections: number[] = [];
    for (const [i, text] of transcriptions.entries()) {
      if (text.length < 200) continue;
      expect(detectFormat(new TextEncoder().encode(text))).toMatchObject({ ok: true, format: 'clinical-note' });
      const encounter = onlyEncounter(parseClinicalNote(text, { key: `mtsamples/${i}` }));
      if (!encounter.sections?.length) withoutSections.push(i);
    }
    // Some transcriptions are letters or single-paragraph reports without any heading.
    expect(withoutSections.length).toBeLessThan(transcriptions.length * 0.1);
  });
});

describe('clinical note: partial and malformed notes', () => {
  it('reports missing claim fields of a note that has only clinical text', () => {
    const text = 'HPI: Three days of sore throat.\nASSESSMENT: Acute pharyngitis.\nPLAN: Supportive care.';
    const encounter = onlyEncounter(parseClinicalNote(text, source));
    expect(encounter.sections).toHaveLength(3);
    expect(missingInformation(encounter).map((m) => m.field)).toEqual([
      'patient.name',
      'patient.birthDate',
      'patient.sex',
      'subscriber.memberId',
      'payer.payerId',
      'billingProvider.npi',
      'dateOfService',
      'placeOfService',
    ]);
  });

  it('warns about unreadable header values without quoting them, and leaves them out', () => {
    const text = 'Patient: Doe, Jo\nDOB: sometime in 1970\nProvider NPI: 1456789010\nASSESSMENT: Cough.';
    const result = parseClinicalNote(text, source);
    const encounter = onlyEncounter(result);
    expect(encounter.patient.birthDate).toBeUndefined();
    expect(encounter.renderingProvider).toBeUndefined();
    expect(result.ok && result.warnings).toEqual([
      'header field "DOB" could not be read (expected YYYY-MM-DD or MM/DD/YYYY); left out',
      'header field "Provider NPI" is not a valid NPI (10 digits with a Luhn check digit); left out',
    ]);
  });

  it('ignores header-like lines inside the clinical sections', () => {
    const text = 'Patient: Doe, Jo\nHPI:\nPatient: reports that her sister takes insulin.\nDOB: unknown';
    const encounter = onlyEncounter(parseClinicalNote(text, source));
    expect(encounter.patient).toEqual({ lastName: 'Doe', firstName: 'Jo' });
  });

  it('reads a new patient and minutes written short', () => {
    const text = 'Visit type: new\nTotal time: 45 min\nASSESSMENT: Low back pain.';
    const encounter = onlyEncounter(parseClinicalNote(text, source));
    expect([encounter.newPatient, encounter.totalTimeMinutes]).toEqual([true, 45]);
  });

  it('refuses an oversized note with its size and the limit', () => {
    const result = parseClinicalNote(`ASSESSMENT: ${'x'.repeat(200)}`, source, { maxChars: 100 });
    expect(result).toEqual({
      ok: false,
      reason: 'note_too_large',
      message:
        "clinical note is 212 characters; one visit's note is limited to 100 (split chart exports into one note per visit)",
    });
  });
});
