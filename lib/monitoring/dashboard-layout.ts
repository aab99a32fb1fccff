/**
 * Dashboard layout as pure functions over widget widths in CloudWatch's 24-column grid: widths are whole columns, a
 * row never overflows, and rows fill left to right in the order resources were registered.
 */
export const GRID_WIDTH = 24;

/** Standard widths, all whole columns. */
export const WIDTH = { full: 24, half: 12, third: 8, quarter: 6 } as const;

export function checkWidth(width: number, title: string): number {
  if (!Number.isInteger(width) || width < 1 || width > GRID_WIDTH) {
    throw new Error(`widget '${title}' has width ${width}; widths are whole columns from 1 to ${GRID_WIDTH}`);
  }
  return width;
}

/** Packs widgets into rows whose widths sum to at most the grid width, keeping their order. */
export function packRows<W extends { readonly width: number }>(widgets: readonly W[]): W[][] {
  const rows: W[][] = [];
  let row: W[] = [];
  let used = 0;
  for (const widget of widgets) {
    if (used + widget.width > GRID_WIDTH && row.length > 0) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(widget);
    used += widget.width;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
