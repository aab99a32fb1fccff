import { describe, expect, it } from 'vitest';
import { documentIdOf } from '#core/intake/document-id';
import type { DocumentEntry } from '#core/intake/document-ledger';
import { formatDocumentTable } from '#local/cli/list-documents';

// Practices name exports after the patient; the table `npm start` and `claimflow documents` print must not repeat
// those names next to the visit's codes (issue 10: PHI out of every side channel, terminals and CI logs included).
describe('the document table people read', () => {
  const object = { bucket: 'intake', key: 'inbox/smith-john-1961-04-02.hl7', versionId: 'v1', eTag: 'abc' };
  const entry: DocumentEntry = {
    ...object,
    documentId: documentIdOf(object),
    size: 812,
    status: 'FAILED',
    format: 'hl7v2',
    failure: { reason: 'unparseable', message: 'MSH-9 is missing' },
    receivedAt: '2026-12-01T10:00:00.000Z',
    recordedAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:01.000Z',
  };

  it('names each document by its id, never by the object key', () => {
    const table = formatDocumentTable([entry]);
    expect(table).toContain(entry.documentId);
    expect(table).toContain('MSH-9 is missing');
    expect(table.toLowerCase()).not.toContain('smith');
    expect(table).not.toContain('1961');
  });

  it('keeps the object key out of a failure message that quotes it (format detection names the key)', () => {
    const table = formatDocumentTable([
      {
        ...entry,
        failure: { reason: 'empty', message: `document (${object.key}, declared text/plain) is empty (0 bytes)` },
      },
    ]);
    expect(table).toContain('is empty (0 bytes)');
    expect(table.toLowerCase()).not.toContain('smith');
    expect(table).not.toContain('1961');
  });
});
