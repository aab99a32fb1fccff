import { describe, expect, it } from 'vitest';
import { CLAIMFLOW_JSON_SCHEMA_ID, detectFormat } from '#core/documents/detect';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = unit & 0xff;
    bytes[3 + i * 2] = unit >> 8;
  }
  return bytes;
}

const NOTE = [
  'Patient: Rivera, Ana',
  'Date of service: 2026-11-02',
  '',
  'ASSESSMENT:',
  'Type 2 diabetes mellitus without complications.',
  'PLAN:',
  'Continue metformin 500 mg twice daily.',
].join('\n');

const HL7 = 'MSH|^~\\&|EHR|CLINIC|CF|CF|20261102||DFT^P03|1|P|2.5.1\rPID|1||123^^^MRN||DOE^JANE\r';

describe('detectFormat: formats recognised from content', () => {
  it('reads FHIR R4 JSON by its resourceType', () => {
    const result = detectFormat(utf8('{"resourceType":"Bundle","type":"collection","entry":[]}'));
    expect(result).toMatchObject({ ok: true, format: 'fhir-r4' });
  });

  it('reads ClaimFlow JSON by its claimflowVersion marker', () => {
    expect(detectFormat(utf8('{"claimflowVersion":"1","encounters":[]}'))).toMatchObject({ format: 'claimflow-json' });
  });

  it('reads ClaimFlow JSON by its $schema marker', () => {
    const text = JSON.stringify({ $schema: CLAIMFLOW_JSON_SCHEMA_ID, encounters: [] });
    expect(detectFormat(utf8(text))).toMatchObject({ format: 'claimflow-json' });
  });

  it('sends truncated FHIR JSON to the FHIR parser so it can say where the JSON breaks', () => {
    expect(detectFormat(utf8('{"resourceType":"Bundle","entry":[{"resource":'))).toMatchObject({ format: 'fhir-r4' });
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('reads HL7 v2 with %s segment separators', (_name, separator) => {
    const result = detectFormat(utf8(HL7.replaceAll('\r', separator)));
    expect(result).toMatchObject({ ok: true, format: 'hl7v2' });
  });

  it('reads HL7 v2 batches starting with FHS and MLLP-framed messages', () => {
    expect(detectFormat(utf8(`FHS|^~\\&|EHR\r${HL7}`))).toMatchObject({ format: 'hl7v2' });
    expect(detectFormat(utf8(`\u000b${HL7}\u001c\r`))).toMatchObject({ format: 'hl7v2' });
  });

  it('treats segment lines without MSH as HL7 v2, leaving the missing header to the parser', () => {
    expect(detectFormat(utf8('PID|1||123\rPV1|1|O\r'))).toMatchObject({ format: 'hl7v2' });
  });

  it('reads a CSV superbill by its documented header, in any case and spacing', () => {
    const csv = 'Encounter ID,Date of Service,Procedure Code,Charge\r\nE1,2026-11-02,99213,125.00\r\n';
    expect(detectFormat(utf8(csv))).toMatchObject({ format: 'csv-superbill' });
  });

  it('reads a plain-text note with header fields and sections as a clinical note', () => {
    expect(detectFormat(utf8(NOTE))).toMatchObject({ ok: true, format: 'clinical-note', text: NOTE });
  });

  it('reads unstructured clinical prose of reasonable length as a clinical note', () => {
    const prose =
      'The patient presents with three days of sore throat and fever to 101F. She denies cough or shortness of ' +
      'breath. On exam the pharynx is erythematous without exudate. Assessment is acute viral pharyngitis; plan is ' +
      'supportive care, fluids and follow-up if symptoms persist beyond a week.';
    expect(detectFormat(utf8(prose))).toMatchObject({ format: 'clinical-note' });
  });

  it('decides from content, not from the file name', () => {
    expect(detectFormat(utf8(NOTE), { key: 'inbox/bundle.json', contentType: 'application/json' })).toMatchObject({
      format: 'clinical-note',
    });
  });
});

describe('detectFormat: text encodings', () => {
  it('strips a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"resourceType":"Patient"}')]);
    expect(detectFormat(bytes)).toEqual({ ok: true, format: 'fhir-r4', text: '{"resourceType":"Patient"}' });
  });

  it('decodes UTF-16 little endian with a byte order mark', () => {
    const result = detectFormat(utf16le(NOTE));
    expect(result).toEqual({ ok: true, format: 'clinical-note', text: NOTE });
  });

  it('refuses text that is not UTF-8 and names the offset of the bad byte', () => {
    // "Müller" in Latin-1: 0xFC is not a UTF-8 lead byte.
    const bytes = new Uint8Array([...utf8('Patient: M'), 0xfc, ...utf8('ller\nDOB: 1970-01-01\n')]);
    const result = detectFormat(bytes);
    expect(result).toMatchObject({ ok: false, reason: 'undecodable' });
    expect(result.ok === false && result.message).toMatch(/byte 0xFC at offset 10/);
  });

  it('refuses an overlong UTF-8 encoding', () => {
    expect(detectFormat(new Uint8Array([0x41, 0xc0, 0xaf]))).toMatchObject({ ok: false, reason: 'undecodable' });
  });
});

describe('detectFormat: refusals with a specific reason', () => {
  it('refuses a zero-byte document as empty', () => {
    expect(detectFormat(new Uint8Array(0), { key: 'inbox/a.txt' })).toEqual({
      ok: false,
      reason: 'empty',
      message: 'document (inbox/a.txt) is empty (0 bytes)',
    });
  });

  it('refuses a whitespace-only document as empty', () => {
    expect(detectFormat(utf8(' \r\n\t\n'))).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses a document above the size limit before decoding it', () => {
    const result = detectFormat(utf8(NOTE), undefined, { maxBytes: 64 });
    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    expect(result.ok === false && result.message).toMatch(/limit is 64 bytes/);
  });

  it('accepts a document exactly at the size limit', () => {
    const bytes = utf8(NOTE);
    expect(detectFormat(bytes, undefined, { maxBytes: bytes.length })).toMatchObject({ ok: true });
  });

  it.each([
    ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]],
    ['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]],
    ['JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10]],
    ['ZIP archive', [0x50, 0x4b, 0x03, 0x04, 0x14, 0]],
  ])('refuses a %s as binary and names it', (kind, bytes) => {
    const result = detectFormat(new Uint8Array(bytes));
    expect(result).toMatchObject({ ok: false, reason: 'binary' });
    expect(result.ok === false && result.message).toContain(kind);
  });

  it('refuses text with NUL bytes as binary', () => {
    const result = detectFormat(utf8('Patient: A\u0000B\nDOB: 1970-01-01'));
    expect(result).toMatchObject({ ok: false, reason: 'binary' });
    expect(result.ok === false && result.message).toMatch(/NUL character at offset 10/);
  });

  it('refuses JSON without a FHIR or ClaimFlow marker', () => {
    expect(detectFormat(utf8('{"patient":"x"}'))).toMatchObject({ ok: false, reason: 'unknown_format' });
    expect(detectFormat(utf8('[1,2,3]'))).toMatchObject({ ok: false, reason: 'unknown_format' });
  });

  it('refuses random text that has no sign of a clinical note', () => {
    const result = detectFormat(utf8('Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(10)));
    expect(result).toMatchObject({ ok: false, reason: 'unknown_format' });
  });

  it('refuses a CSV that is not a superbill', () => {
    const result = detectFormat(utf8('name,quantity,price\nwidget,2,3.50\n'));
    expect(result).toMatchObject({ ok: false, reason: 'unknown_format' });
  });

  it('refuses XML, saying FHIR is accepted as JSON', () => {
    const result = detectFormat(utf8('<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/></Bundle>'));
    expect(result).toMatchObject({ ok: false, reason: 'unknown_format' });
    expect(result.ok === false && result.message).toMatch(/FHIR must be sent as JSON/);
  });
});
