/**
 * How fast the ICD-10-CM importers read the official files: the FY2018 order and codes files (from the CMS zip) and
 * the FY2025 index tables and tabular extract. Each importer is timed beside a peer doing the least work possible on
 * the same bytes (splitting lines for the fixed-width files, a bare saxes pass with no handlers for the XML), so the
 * ratio says what our parsing costs on top of reading, whatever the machine's speed. For the XML files, fast-xml-parser
 * building its order-preserving tree is timed too: it is the alternative to the streaming saxes parser we chose.
 * Run: `npm run bench -- icd10cm-import`. Skips, saying so, when ../shared/data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { decodeReleaseText, readReleaseFiles } from '#core/codesets/archive';
import { parseCodesFile } from '#core/codesets/icd10cm/codes-file';
import { parseIndexXml } from '#core/codesets/icd10cm/index-xml';
import { parseOrderFile } from '#core/codesets/icd10cm/order-file';
import { parseTabularXml } from '#core/codesets/icd10cm/tabular-xml';
import type { IndexFile, TabularList } from '#core/codesets/icd10cm/types';
import { sharedData } from '#test/support/shared-data';

const RUNS = 7;

interface Row {
  readonly name: string;
  readonly bytes: number;
  readonly records: number;
  readonly importMs: number;
  readonly peerMs: number;
  /** For XML: fast-xml-parser building the order-preserving tree the mixed `<title>` content needs (the parser we
   * did not choose), for comparison. */
  readonly treeParserMs?: number;
  /** Heap still held by the imported result (after a GC), in MB. */
  readonly retainedMb: number;
}

/** Median wall time of `RUNS` calls after one warm-up, with a GC between runs so one run's garbage never bills the next. */
function medianMs(action: () => unknown): number {
  action();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    globalThis.gc?.();
    const start = performance.now();
    action();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** Heap the result of `action` keeps alive, measured between two forced GCs (NaN without --expose-gc). */
function retainedMb(action: () => unknown): number {
  if (globalThis.gc === undefined) return Number.NaN;
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const result = action();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  // Keep the result reachable until after the second measurement.
  if (result === undefined) process.stdout.write('');
  return (after - before) / 1e6;
}

function splitLinesOnly(text: string): number {
  return text.split('\n').length;
}

function fastXmlParserTree(text: string): unknown {
  return new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(text);
}

function bareSaxes(text: string): void {
  const parser = new SaxesParser({ position: true });
  parser.write(text).close();
}

function benchFixedWidth(rows: Row[]): void {
  const zipParts = ['icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip'];
  if (!existsSync(sharedData(...zipParts))) {
    process.stdout.write(`skipping FY2018 order/codes files: ${sharedData(...zipParts)} is absent\n`);
    return;
  }
  const zipBytes = readFileSync(sharedData(...zipParts));
  const unzipMs = medianMs(() => readReleaseFiles({ name: 'release.zip', bytes: zipBytes }));
  process.stdout.write(`unzip ${(zipBytes.length / 1e6).toFixed(1)} MB release zip: ${unzipMs.toFixed(1)} ms\n`);
  const files = readReleaseFiles({ name: 'release.zip', bytes: zipBytes });
  for (const [fileName, parse] of [
    ['icd10cm_order_2018.txt', parseOrderFile],
    ['icd10cm_codes_2018.txt', parseCodesFile],
  ] as const) {
    const bytes = files.find((file) => file.name.endsWith(fileName))?.bytes;
    if (bytes === undefined) throw new Error(`${fileName} missing from ${zipParts.join('/')}`);
    const text = decodeReleaseText(bytes);
    rows.push({
      name: `${fileName} (decode + parse)`,
      bytes: bytes.length,
      records: parse(fileName, text).records.length,
      importMs: medianMs(() => parse(fileName, decodeReleaseText(bytes))),
      peerMs: medianMs(() => splitLinesOnly(decodeReleaseText(bytes))),
      retainedMb: retainedMb(() => parse(fileName, text)),
    });
  }
}

function benchXml(rows: Row[]): void {
  const files = [
    ['icd-10-cm-neoplasm-2025.xml', parseIndexXml],
    ['icd-10-cm-drug-2025.xml', parseIndexXml],
    ['icd-10-cm-eindex-2025.xml', parseIndexXml],
    ['icd-10-cm-tabular-2025_ch2.xml', parseTabularXml],
  ] as const;
  for (const [fileName, parse] of files) {
    const path = sharedData('icd10cm', '2025', fileName);
    if (!existsSync(path)) {
      process.stdout.write(`skipping ${fileName}: ${path} is absent\n`);
      continue;
    }
    const bytes = readFileSync(path);
    const text = decodeReleaseText(bytes);
    rows.push({
      name: fileName,
      bytes: bytes.length,
      records: countRecords(parse(fileName, text)),
      importMs: medianMs(() => parse(fileName, text)),
      peerMs: medianMs(() => bareSaxes(text)),
      treeParserMs: medianMs(() => fastXmlParserTree(text)),
      retainedMb: retainedMb(() => parse(fileName, text)),
    });
  }
}

function countRecords(result: IndexFile | TabularList): number {
  return 'terms' in result ? result.terms.length : result.codes.length;
}

function printTable(rows: readonly Row[]): void {
  const header = [
    'file',
    'MB',
    'records',
    'import ms',
    'import MB/s',
    'peer ms',
    'import/peer',
    'fxp tree ms',
    'fxp/import',
    'result heap MB',
  ];
  const lines = rows.map((row) => [
    row.name,
    (row.bytes / 1e6).toFixed(2),
    String(row.records),
    row.importMs.toFixed(1),
    (row.bytes / 1e6 / (row.importMs / 1000)).toFixed(1),
    row.peerMs.toFixed(1),
    `${(row.importMs / row.peerMs).toFixed(2)}x`,
    row.treeParserMs === undefined ? '-' : row.treeParserMs.toFixed(1),
    row.treeParserMs === undefined ? '-' : `${(row.treeParserMs / row.importMs).toFixed(2)}x`,
    row.retainedMb.toFixed(1),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  process.stdout.write(`${format(header)}\n${lines.map(format).join('\n')}\n`);
  process.stdout.write(
    `median of ${RUNS} runs after a warm-up; peer = split lines (fixed width) or a bare saxes pass with no handlers (XML);\n` +
      'fxp tree = fast-xml-parser with preserveOrder (no importing at all): fxp/import > 1 means our whole import is faster\n',
  );
}

const rows: Row[] = [];
benchFixedWidth(rows);
benchXml(rows);
printTable(rows);
