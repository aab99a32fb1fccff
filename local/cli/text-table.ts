/** A plain-text table for people: columns padded to their widest cell (capped), the last column left free. */
export function formatTextTable(header: string[], rows: string[][], maxColumnWidth = 60): string {
  const widths = header.map((h, i) => Math.min(maxColumnWidth, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
