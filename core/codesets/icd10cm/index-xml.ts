/**
 * The CDC Alphabetic Index XML and the files built the same way (schemas `icd10cm-index-YYYY.xsd` and
 * `icd-10-cm-drug-neoplasm-YYYY.xsd`): the main index `icd10cm_index_YYYY.xml`, the External Cause index, the
 * Neoplasm table and the Table of Drugs and Chemicals. All are `<letter>`s of `<mainTerm>`s with nested `<term
 * level="n">`s; a term has a `<title>` (with `<nemod>` nonessential modifiers inside), and optionally `<see>`,
 * `<seeAlso>`, `<code>`, `<manif>` (the bracketed manifestation code), `<seecat>`, `<subcat>`, and in the two tables
 * `<cell col="n">` codes under the column headings of `<indexHeading>`.
 */
import { Icd10CmImportError } from './errors.ts';
import { checkPublishedVersion, type FiscalYearClaims, recogniseFileName } from './release-name.ts';
import { normalizeSpace } from './text-lines.ts';
import type { IndexFile, IndexTerm } from './types.ts';
import { readXml, XmlContentError, type XmlElementEvent } from './xml-reader.ts';

/** Single-value term fields and the element each is read from. */
const TERM_FIELDS = {
  see: 'see',
  seeAlso: 'seeAlso',
  code: 'code',
  manif: 'manifestation',
  seecat: 'seeCategory',
  subcat: 'subcategory',
} as const satisfies Record<string, keyof IndexTerm>;

type TermField = (typeof TERM_FIELDS)[keyof typeof TERM_FIELDS];

/** The first column heading each table must have, so a table given under the wrong name is caught. */
const TABLE_TERM_HEADING: Partial<Record<string, string>> = { neoplasm: 'Neoplasm', drug: 'Substance' };

/** A cell printed as one or more dashes means "no code in this column". */
const EMPTY_CELL = /^-+$/;

interface TermFrame {
  readonly element: 'mainTerm' | 'term';
  readonly level: number;
  readonly line: number;
  readonly parent: TermFrame | undefined;
  title: string | undefined;
  readonly nonessentialModifiers: string[];
  readonly fields: { -readonly [K in TermField]?: string };
  readonly cells: Record<string, string>;
  termIndex: number | undefined;
}

/**
 * Parses an index file. Its `<version>` must agree with any year the file name, release name or caller state; a
 * Neoplasm or Drug table (recognised by its file name) must have that table's column headings.
 */
export function parseIndexXml(file: string, text: string, claims: FiscalYearClaims = {}): IndexFile {
  const builder = new IndexBuilder(file);
  readXml(file, text, builder);
  const index = builder.finish();
  checkPublishedVersion(file, index.version, claims);
  checkTableHeadings(index);
  return index;
}

class IndexBuilder {
  private readonly terms: Array<IndexTerm | undefined> = [];
  private readonly columnHeadings: Record<number, string> = {};
  private readonly elementStack: string[] = [];
  private term: TermFrame | undefined;
  private letter = '';
  private version = '';
  private title: string | undefined;
  private textBuffer: string | undefined;
  private nemodBuffer: string | undefined;
  private column: number | undefined;
  private droppedTextDepth = 0;

  constructor(private readonly file: string) {}

  open(element: XmlElementEvent): void {
    const { name, line } = element;
    const parentElement = this.elementStack[this.elementStack.length - 1];
    if (parentElement === undefined && name !== 'ICD10CM.index') {
      throw new XmlContentError(
        name,
        line,
        `root element is <${name}>; expected <ICD10CM.index> (an index or table file)`,
      );
    }
    this.elementStack.push(name);
    switch (name) {
      case 'mainTerm':
      case 'term':
        this.openTerm(name, element);
        return;
      case 'nemod':
        this.nemodBuffer = '';
        return;
      case 'old':
        // Addenda files mark removed wording with <old>; the imported text is the new wording.
        this.droppedTextDepth += 1;
        return;
      case 'cell':
      case 'head':
        this.column = this.requireColumn(element);
        this.textBuffer = '';
        return;
      case 'title':
      case 'diff':
      case 'version':
      case 'see':
      case 'seeAlso':
      case 'code':
      case 'manif':
      case 'seecat':
      case 'subcat':
        // A <diff> stands in for <title> in addenda; inside another text element it is just more text.
        if (this.textBuffer === undefined) this.textBuffer = '';
        return;
      default:
        return;
    }
  }

  text(text: string): void {
    if (this.droppedTextDepth > 0) return;
    if (this.nemodBuffer !== undefined) this.nemodBuffer += text;
    else if (this.textBuffer !== undefined) this.textBuffer += text;
  }

  close(element: XmlElementEvent): void {
    const { name, line } = element;
    this.elementStack.pop();
    const parentElement = this.elementStack[this.elementStack.length - 1];
    switch (name) {
      case 'mainTerm':
      case 'term':
        this.closeTerm(line);
        return;
      case 'nemod':
        this.requireTerm('nemod', line).nonessentialModifiers.push(normalizeSpace(this.nemodBuffer ?? ''));
        this.nemodBuffer = undefined;
        return;
      case 'old':
        this.droppedTextDepth -= 1;
        return;
      case 'head':
        this.columnHeadings[this.column ?? 0] = this.takeText();
        return;
      case 'cell':
        this.addCell(line);
        return;
      case 'title':
      case 'diff':
        if (parentElement === 'cell' || parentElement === 'title') return;
        this.setTitle(parentElement, this.takeText(), line);
        return;
      case 'version':
        this.version = this.takeText();
        return;
      default:
        if (Object.hasOwn(TERM_FIELDS, name)) this.setField(TERM_FIELDS[name as keyof typeof TERM_FIELDS], line);
    }
  }

  finish(): IndexFile {
    return {
      file: this.file,
      version: this.version,
      title: this.title,
      columnHeadings: this.columnHeadings,
      terms: this.terms.filter((term): term is IndexTerm => term !== undefined),
    };
  }

  private openTerm(element: 'mainTerm' | 'term', { attributes, line }: XmlElementEvent): void {
    const parent = this.term;
    if (element === 'mainTerm' && parent !== undefined) {
      throw new XmlContentError(
        'mainTerm',
        line,
        `<mainTerm> inside another term (opened at line ${parent.line}); expected main terms directly under <letter>`,
      );
    }
    if (element === 'term' && parent === undefined) {
      throw new XmlContentError('term', line, '<term> outside any <mainTerm>; expected subterms inside a main term');
    }
    const level = element === 'mainTerm' ? 0 : Number(attributes.level);
    const expectedLevel = parent === undefined ? 0 : parent.level + 1;
    if (level !== expectedLevel) {
      throw new XmlContentError(
        element,
        line,
        `level="${attributes.level ?? ''}"; expected level="${expectedLevel}" (one below its parent term)`,
      );
    }
    if (parent !== undefined && parent.termIndex === undefined) this.reserveTerm(parent, line);
    this.term = {
      element,
      level,
      line,
      parent,
      title: undefined,
      nonessentialModifiers: [],
      fields: {},
      cells: {},
      termIndex: undefined,
    };
  }

  private closeTerm(line: number): void {
    const frame = this.requireTerm('term', line);
    const index = frame.termIndex ?? this.reserveTerm(frame, line);
    this.terms[index] = {
      path: termPath(frame),
      level: frame.level,
      title: frame.title ?? '',
      nonessentialModifiers: frame.nonessentialModifiers,
      letter: this.letter,
      code: frame.fields.code,
      manifestation: frame.fields.manifestation,
      see: frame.fields.see,
      seeAlso: frame.fields.seeAlso,
      seeCategory: frame.fields.seeCategory,
      subcategory: frame.fields.subcategory,
      cells: frame.cells,
      source: { file: this.file, line: frame.line },
    };
    this.term = frame.parent;
  }

  private reserveTerm(frame: TermFrame, line: number): number {
    if (frame.title === undefined || frame.title === '') {
      throw new XmlContentError(
        frame.element,
        line,
        `<${frame.element}> opened at line ${frame.line} has no <title> text; expected its title first`,
      );
    }
    frame.termIndex = this.terms.length;
    this.terms.push(undefined);
    return frame.termIndex;
  }

  private setTitle(parentElement: string | undefined, title: string, line: number): void {
    if (parentElement === 'mainTerm' || parentElement === 'term') this.requireTerm('title', line).title = title;
    else if (parentElement === 'letter') this.letter = title;
    else if (parentElement === 'ICD10CM.index') this.title = title;
  }

  private setField(field: TermField, line: number): void {
    const value = this.takeText();
    const frame = this.requireTerm(field, line);
    // <manif> is printed in brackets after the code in the book; some releases keep the brackets in the XML.
    frame.fields[field] = field === 'manifestation' ? value.replace(/^\[(.*)\]$/, '$1') : value;
  }

  private addCell(line: number): void {
    const value = this.takeText();
    const column = this.column ?? 0;
    const heading = this.columnHeadings[column];
    if (heading === undefined) {
      throw new XmlContentError(
        'cell',
        line,
        `col="${column}" has no heading; expected a column declared in <indexHeading>`,
      );
    }
    if (!EMPTY_CELL.test(value)) this.requireTerm('cell', line).cells[heading] = value;
  }

  private requireColumn({ name, attributes, line }: XmlElementEvent): number {
    const column = Number(attributes.col);
    if (!Number.isInteger(column) || column < 1 || column > 9) {
      throw new XmlContentError(name, line, `col="${attributes.col ?? ''}"; expected a column number from 1 to 9`);
    }
    return column;
  }

  private requireTerm(element: string, line: number): TermFrame {
    if (this.term === undefined) {
      throw new XmlContentError(element, line, `<${element}> outside any <mainTerm> or <term>`);
    }
    return this.term;
  }

  private takeText(): string {
    const text = normalizeSpace(this.textBuffer ?? '');
    this.textBuffer = undefined;
    return text;
  }
}

function termPath(frame: TermFrame): string[] {
  const path: string[] = [];
  for (let current: TermFrame | undefined = frame; current !== undefined; current = current.parent) {
    path.unshift(current.title ?? '');
  }
  return path;
}

function checkTableHeadings(index: IndexFile): void {
  const kind = recogniseFileName(index.file).kind;
  const expected = kind === undefined ? undefined : TABLE_TERM_HEADING[kind];
  if (expected === undefined) return;
  const found = index.columnHeadings[1];
  if (found !== expected) {
    throw new Icd10CmImportError(
      { file: index.file, element: 'indexHeading' },
      `column 1 is headed ${found === undefined ? 'nothing' : `"${found}"`}; expected "${expected}" for the ${kind} table`,
    );
  }
}
