/**
 * Sections for note text that arrived without them (ClaimFlow JSON `noteText`, an HL7 OBX note): found with the
 * clinical-note parser's own headings (core/documents/note/note-signals.ts), so every format is read alike.
 */
import type { Encounter, NoteSection } from '#core/documents/encounter';
import { findSectionHeadings } from '#core/documents/note/note-signals';

export function sectionsOfText(text: string): NoteSection[] {
  const headings = findSectionHeadings(text);
  return headings.map((heading, i) => {
    let start = heading.bodyStart;
    let end = headings[i + 1]?.headingStart ?? text.length;
    while (start < end && /\s/.test(text[start]!)) start += 1;
    while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
    return { name: heading.name, start, end };
  });
}

/** The encounter with `sections` derived from its note text when the source gave none (additive, offsets kept). */
export function withNoteSections(encounter: Encounter): Encounter {
  if (encounter.sections !== undefined || !encounter.noteText) return encounter;
  const sections = sectionsOfText(encounter.noteText);
  return sections.length > 0 ? { ...encounter, sections } : encounter;
}
