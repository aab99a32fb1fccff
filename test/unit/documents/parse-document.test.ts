import { describe, expect, it } from 'vitest';
import { parseDetected, parseDocument } from '#core/documents/index';

const utf8 = (text: string) => new TextEncoder().encode(text);
const NOTE_HEADER = 'Patient: Doe, Jo\nDate of service: 2026-11-02\nASSESSMENT:\n';

describe('parseDocument: detect, then parse', () => {
  it('returns the detected format with the encounters', () => {
    const result = parseDocument(utf8(`${NOTE_HEADER}Acute bronchitis.`), { key: 'inbox/n.txt' });
    expect(result).toMatchObject({ ok: true, format: 'clinical-note' });
    expect(result.ok && result.encounters[0]!.source).toEqual({
      key: 'inbox/n.txt',
      format: 'clinical-note',
      index: 0,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('names the text each encounter came from by its digest: the same text, the same digest, whatever the key', () => {
    const text = `${NOTE_HEADER}Acute bronchitis.`;
    const a = parseDocument(utf8(text), { key: 'inbox/a.txt' });
    const b = parseDocument(utf8(text), { key: 'elsewhere/b.txt' });
    const c = parseDocument(utf8(`${text}\n`), { key: 'inbox/a.txt' });
    const digest = (r: typeof a) => (r.ok ? r.encounters[0]?.source.digest : undefined);
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
  });

  it('says a refusal happened at detection', () => {
    expect(parseDocument(new Uint8Array(0), { key: 'k' })).toMatchObject({
      ok: false,
      stage: 'detection',
      reason: 'empty',
    });
  });

  it('says a failure happened while parsing, and in which format', () => {
    expect(parseDocument(utf8('{"resourceType":"Bundle","entry":[]}'), { key: 'k' })).toMatchObject({
      ok: false,
      stage: 'parsing',
      format: 'fhir-r4',
      reason: 'empty_bundle',
    });
  });

  it('refuses an oversized note under the document size limit with the note limit', () => {
    const note = `${NOTE_HEADER}${'Stable chronic cough, no change. '.repeat(4_000)}`;
    const result = parseDocument(utf8(note), { key: 'k' });
    expect(result).toMatchObject({ ok: false, stage: 'parsing', reason: 'note_too_large' });
  });

  it('refuses an oversized document before reading it', () => {
    const result = parseDocument(utf8(NOTE_HEADER), { key: 'k' }, { maxBytes: 16 });
    expect(result).toMatchObject({ ok: false, stage: 'detection', reason: 'too_large' });
  });

  it('parses text the caller has already detected', () => {
    const result = parseDetected('clinical-note', `${NOTE_HEADER}Otitis media.`, { key: 'k' }, { maxNoteChars: 10 });
    expect(result).toMatchObject({ ok: false, reason: 'note_too_large' });
  });
});
