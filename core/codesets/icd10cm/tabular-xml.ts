/**
 * The CDC Tabular List XML (`icd10cm_tabular_YYYY.xml`, schema `icd-10-cm-tabular-YYYY.xsd`): chapters hold sections,
 * sections hold `<diag>` categories, and diags nest down to the billable codes. Each level may carry instructional
 * notes and a `<sevenChrDef>`; 7th characters apply to every code below the element that defines them, and a code
 * shorter than six characters is padded with the placeholder X before its 7th character (T15.0 + A -> T15.0XXA).
 * The published XML lists only the base codes; the billable 7-character codes exist only by this expansion, so the
 * importer generates them, and a code is billable exactly when it has no children, published or generated.
 */
import { isUndottedIcd10CmCode, toUndottedCode } from './code-format.ts';
import { checkPublishedVersion, type FiscalYearClaims } from './release-name.ts';
import { expandSeventhCharacters, SEVENTH_CHARACTER_POSITION } from './seventh-characters.ts';
import { compactNotes, emptyNotes, type MutableNotes, NOTE_ELEMENTS, type NoteKind } from './tabular-notes.ts';
import { normalizeSpace } from './text-lines.ts';
import type { SeventhCharacter, TabularChapter, TabularCode, TabularList, TabularSection } from './types.ts';
import { readXml, XmlContentError, type XmlElementEvent } from './xml-reader.ts';

/** Elements whose content is outside what the importer keeps (the introduction, the chapter's section list, the
 * visual impairment table of H54, and addenda "deactivated" markers). */
const SKIPPED_ELEMENTS = new Set(['introduction', 'sectionIndex', 'visualImpairment', 'deactivated']);

interface ContainerFrame {
  readonly kind: 'chapter' | 'section' | 'diag';
  readonly line: number;
  readonly parent: ContainerFrame | undefined;
  readonly attributes: Readonly<Record<string, string>>;
  name: string | undefined;
  description: string | undefined;
  readonly notes: MutableNotes;
  readonly seventhCharacters: SeventhCharacter[];
  /** Index of this diag's record in `codes` (reserved when its name is known, so parents precede children). */
  codeIndex: number | undefined;
  childDiags: number;
}

/**
 * Parses a whole tabular XML file (or an extract with the same structure). Its `<version>` must agree with any year
 * the file name, release name or caller state.
 */
export function parseTabularXml(file: string, text: string, claims: FiscalYearClaims = {}): TabularList {
  const builder = new TabularBuilder(file);
  readXml(file, text, builder);
  const tabular = builder.finish();
  checkPublishedVersion(file, tabular.version, claims);
  return tabular;
}

class TabularBuilder {
  private readonly chapters: TabularChapter[] = [];
  private readonly sections: TabularSection[] = [];
  private readonly codes: Array<TabularCode | undefined> = [];
  private readonly codeLines = new Map<string, number>();
  private readonly elementStack: string[] = [];
  private container: ContainerFrame | undefined;
  private noteKind: NoteKind | undefined;
  private extensionCharacter: string | undefined;
  private textBuffer: string | undefined;
  private skipDepth = 0;
  private droppedTextDepth = 0;
  private version = '';
  private rootSeen = false;

  constructor(private readonly file: string) {}

  open(element: XmlElementEvent): void {
    const { name, line } = element;
    if (!this.rootSeen) {
      if (name !== 'ICD10CM.tabular') {
        throw new XmlContentError(
          name,
          line,
          `root element is <${name}>; expected <ICD10CM.tabular> (a tabular list file)`,
        );
      }
      this.rootSeen = true;
    }
    this.elementStack.push(name);
    if (this.skipDepth > 0 || SKIPPED_ELEMENTS.has(name)) {
      this.skipDepth += 1;
      return;
    }
    switch (name) {
      case 'chapter':
      case 'section':
      case 'diag':
        this.openContainer(name, element);
        return;
      case 'name':
      case 'desc':
      case 'note':
      case 'version':
        this.textBuffer = '';
        return;
      case 'extension':
        this.extensionCharacter = this.requireCharacter(element);
        this.textBuffer = '';
        return;
      case 'old':
        // Addenda files mark removed wording with <old>; the imported text is the new wording.
        this.droppedTextDepth += 1;
        return;
      default:
        if (Object.hasOwn(NOTE_ELEMENTS, name)) this.noteKind = NOTE_ELEMENTS[name];
    }
  }

  text(text: string): void {
    if (this.textBuffer !== undefined && this.skipDepth === 0 && this.droppedTextDepth === 0) this.textBuffer += text;
  }

  close(element: XmlElementEvent): void {
    const { name, line } = element;
    this.elementStack.pop();
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    switch (name) {
      case 'chapter':
      case 'section':
      case 'diag':
        this.closeContainer(line);
        return;
      case 'name':
        this.setContainerText('name', line);
        return;
      case 'desc':
        this.setContainerText('description', line);
        return;
      case 'version':
        if (this.elementStack.length === 1) this.version = this.takeText();
        else this.textBuffer = undefined;
        return;
      case 'note':
        this.addNote(line);
        return;
      case 'extension':
        this.addSeventhCharacter(line);
        return;
      case 'old':
        this.droppedTextDepth -= 1;
        return;
      default:
        if (Object.hasOwn(NOTE_ELEMENTS, name)) this.noteKind = undefined;
    }
  }

  finish(): TabularList {
    const codes = this.codes.filter((code): code is TabularCode => code !== undefined);
    return { file: this.file, version: this.version, chapters: this.chapters, sections: this.sections, codes };
  }

  private openContainer(kind: ContainerFrame['kind'], { attributes, line }: XmlElementEvent): void {
    const parent = this.container;
    if (kind === 'diag' && parent === undefined) {
      throw new XmlContentError(
        'diag',
        line,
        '<diag> outside any <chapter>/<section>; expected codes inside a section',
      );
    }
    if (parent?.kind === 'diag' && parent.codeIndex === undefined) this.reserveCode(parent, line);
    if (kind === 'diag' && parent !== undefined) parent.childDiags += 1;
    this.container = {
      kind,
      line,
      parent,
      attributes,
      name: undefined,
      description: undefined,
      notes: emptyNotes(),
      seventhCharacters: [],
      codeIndex: undefined,
      childDiags: 0,
    };
  }

  private closeContainer(line: number): void {
    const frame = this.requireContainer('diag', line);
    this.container = frame.parent;
    if (frame.kind === 'chapter') this.chapters.push(this.toChapter(frame));
    else if (frame.kind === 'section') this.sections.push(this.toSection(frame));
    else this.finishCode(frame);
  }

  private finishCode(frame: ContainerFrame): void {
    const index = frame.codeIndex ?? this.reserveCode(frame, frame.line);
    const code = this.requireCode(frame);
    const seventhCharacters = inheritedSeventhCharacters(frame);
    const expandable = frame.childDiags === 0 && seventhCharacters.length > 0;
    const expandsHere = expandable && toUndottedCode(code).length < SEVENTH_CHARACTER_POSITION;
    const parentFrame = parentDiag(frame.parent);
    const base: TabularCode = {
      code,
      description: this.requireDescription(frame, code),
      chapter: nearestOfKind(frame, 'chapter')?.name ?? '',
      section: nearestOfKind(frame, 'section')?.attributes.id ?? '',
      parent: parentFrame?.name,
      depth: diagDepth(frame),
      billable: frame.childDiags === 0 && !expandsHere,
      notes: compactNotes(frame.notes),
      seventhCharacters,
      expandedFrom: undefined,
      placeholder: frame.attributes.placeholder === 'true',
      source: { file: this.file, line: frame.line },
    };
    this.codes[index] = base;
    if (expandsHere) this.codes.push(...expandSeventhCharacters(base));
  }

  private reserveCode(frame: ContainerFrame, line: number): number {
    const code = this.requireCode(frame, line);
    const firstLine = this.codeLines.get(code);
    if (firstLine !== undefined) {
      throw new XmlContentError(
        'diag',
        frame.line,
        `code ${code} already appeared at line ${firstLine}; expected each code once`,
      );
    }
    const parentCode = parentDiag(frame.parent)?.name;
    if (parentCode !== undefined && !code.startsWith(parentCode)) {
      throw new XmlContentError(
        'diag',
        frame.line,
        `code ${code} is nested under ${parentCode}; expected a code that extends its parent`,
      );
    }
    this.codeLines.set(code, frame.line);
    frame.codeIndex = this.codes.length;
    this.codes.push(undefined);
    return frame.codeIndex;
  }

  private requireCode(frame: ContainerFrame, line = frame.line): string {
    const code = frame.name;
    if (code === undefined) {
      throw new XmlContentError(
        'diag',
        line,
        `<diag> opened at line ${frame.line} has no <name>; expected its code first`,
      );
    }
    if (!isUndottedIcd10CmCode(toUndottedCode(code)) || (code.length > 3 && code[3] !== '.')) {
      throw new XmlContentError(
        'name',
        frame.line,
        `<diag><name> holds "${code}"; expected a dotted ICD-10-CM code such as E11.9`,
      );
    }
    return code;
  }

  private requireDescription(frame: ContainerFrame, code: string): string {
    if (frame.description === undefined || frame.description === '') {
      throw new XmlContentError('diag', frame.line, `code ${code} has no <desc>; expected its title`);
    }
    return frame.description;
  }

  private requireCharacter({ attributes, line }: XmlElementEvent): string {
    const character = attributes.char?.trim() ?? '';
    if (!/^[A-Za-z0-9]$/.test(character)) {
      throw new XmlContentError(
        'extension',
        line,
        `char="${character}"; expected a single letter or digit (the 7th character)`,
      );
    }
    return character.toUpperCase();
  }

  private requireContainer(element: string, line: number): ContainerFrame {
    if (this.container === undefined) {
      throw new XmlContentError(element, line, `<${element}> outside any <chapter>, <section> or <diag>`);
    }
    return this.container;
  }

  private setContainerText(field: 'name' | 'description', line: number): void {
    const text = this.takeText();
    // <name> and <desc> also appear in places the importer skips; only those directly in a container count.
    const parentElement = this.elementStack[this.elementStack.length - 1];
    if (parentElement !== 'chapter' && parentElement !== 'section' && parentElement !== 'diag') return;
    this.requireContainer(field, line)[field] = text;
  }

  private addNote(line: number): void {
    const text = this.takeText();
    const parentElement = this.elementStack[this.elementStack.length - 1];
    if (parentElement === 'sevenChrDef') {
      this.requireContainer('note', line).notes.sevenChrNote.push(text);
      return;
    }
    if (this.noteKind === undefined) {
      throw new XmlContentError(
        'note',
        line,
        `<note> inside <${parentElement}>; expected notes inside an instructional element such as <excludes1>`,
      );
    }
    this.requireContainer('note', line).notes[this.noteKind].push(text);
  }

  private addSeventhCharacter(line: number): void {
    const frame = this.requireContainer('extension', line);
    // Children inherit the definition as they close; one that came after them would silently not apply.
    if (frame.childDiags > 0) {
      throw new XmlContentError(
        'extension',
        line,
        `7th character definition of ${frame.name ?? frame.attributes.id ?? 'this element'} comes after its child codes; expected <sevenChrDef> before the codes it applies to`,
      );
    }
    frame.seventhCharacters.push({ character: this.extensionCharacter ?? '', meaning: this.takeText() });
  }

  private takeText(): string {
    const text = normalizeSpace(this.textBuffer ?? '');
    this.textBuffer = undefined;
    return text;
  }

  private toChapter(frame: ContainerFrame): TabularChapter {
    if (frame.name === undefined || frame.description === undefined) {
      throw new XmlContentError(
        'chapter',
        frame.line,
        '<chapter> lacks <name> or <desc>; expected its number and title',
      );
    }
    return {
      number: frame.name,
      description: frame.description,
      notes: compactNotes(frame.notes),
      seventhCharacters: frame.seventhCharacters,
      source: { file: this.file, line: frame.line },
    };
  }

  private toSection(frame: ContainerFrame): TabularSection {
    const id = frame.attributes.id;
    if (id === undefined || id === '') {
      throw new XmlContentError(
        'section',
        frame.line,
        '<section> has no id attribute; expected a code range such as C00-C14',
      );
    }
    return {
      id,
      description: frame.description ?? '',
      chapter: nearestOfKind(frame, 'chapter')?.name ?? '',
      notes: compactNotes(frame.notes),
      seventhCharacters: frame.seventhCharacters,
      source: { file: this.file, line: frame.line },
    };
  }
}

function inheritedSeventhCharacters(frame: ContainerFrame): SeventhCharacter[] {
  for (let current: ContainerFrame | undefined = frame; current !== undefined; current = current.parent) {
    if (current.seventhCharacters.length > 0) return current.seventhCharacters;
  }
  return [];
}

/** The enclosing code of a diag, if its parent is a diag (categories sit directly in a section). */
function parentDiag(frame: ContainerFrame | undefined): ContainerFrame | undefined {
  return frame?.kind === 'diag' ? frame : undefined;
}

function nearestOfKind(frame: ContainerFrame, kind: ContainerFrame['kind']): ContainerFrame | undefined {
  for (let current: ContainerFrame | undefined = frame; current !== undefined; current = current.parent) {
    if (current.kind === kind) return current;
  }
  return undefined;
}

function diagDepth(frame: ContainerFrame): number {
  let depth = 0;
  for (let current: ContainerFrame | undefined = frame; current?.kind === 'diag'; current = current.parent) depth += 1;
  return depth;
}
