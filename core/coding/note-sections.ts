/**
 * Sections for note text that arrived without them (ClaimFlow JSON `noteText`, an HL7 OBX note): found with the
 * clinical-note parser's own headings (core/documents/note/note-signals.ts), so every format is read alike.
 */
import type { Encounter, NoteSection } from '#core/documents/encounter';
import { noteSections } from '#core/documents/note/note-signals';

export function sectionsOfText(text: string): NoteSection[] {
  return noteSections(text);
}

/** The encounter with `sections` derived from its note text when the source gave none (additive, offsets kept). */
export function withNoteSections(encounter: Encounter): Encounter {
  if (encounter.sections !== undefined || !encounter.noteText) return encounter;
  const sections = sectionsOfText(encounter.noteText);
  return sections.length > 0 ? { ...encounter, sections } : encounter;
}
