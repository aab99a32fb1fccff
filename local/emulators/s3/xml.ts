/**
 * The little XML S3 needs: writing responses, and reading the flat request documents the SDK sends
 * (Delete, CompleteMultipartUpload, VersioningConfiguration, CreateBucketConfiguration). Those documents never
 * nest an element inside one of the same name, so matching element by element is exact for them.
 */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&${ENTITY_BY_CHARACTER[character]};`);
}

const ENTITY_BY_CHARACTER: Record<string, string> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };
const CHARACTER_BY_ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_match, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return CHARACTER_BY_ENTITY[entity]!;
  });
}

/** A child element with escaped text, or nothing when the value is undefined. */
export function element(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function xmlDocument(root: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${inner}</${root}>`;
}

/** The raw inner XML of every `<name>` element, in document order. */
export function innerElements(xml: string, name: string): string[] {
  const pattern = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(?:\\s[^>]*)?/>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The unescaped text of the first `<name>` element, if present. */
export function textOf(xml: string, name: string): string | undefined {
  const inner = innerElements(xml, name)[0];
  return inner === undefined ? undefined : unescapeXml(inner);
}

/** True when the document's root element is `root`, which is how a non-XML or wrong document is told apart. */
export function hasRoot(xml: string, root: string): boolean {
  return new RegExp(`^\\s*(?:<\\?xml[^>]*\\?>\\s*)?<${root}[\\s>/]`).test(xml);
}
