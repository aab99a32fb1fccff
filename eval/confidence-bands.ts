/**
 * Precision by confidence band, reported by every evaluation (gold sets and the GEM benchmark): the auto-coding
 * threshold (core/coding/review.ts) is read off this curve, never set by hand.
 */

export interface Band {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound (1 is inclusive). */
  to: number;
  answered: number;
  exact: number;
  precision: number;
}

export const CONFIDENCE_BANDS: readonly [number, number][] = [
  [0.95, 1],
  [0.9, 0.95],
  [0.85, 0.9],
  [0.8, 0.85],
  [0.7, 0.8],
  [0.6, 0.7],
  [0, 0.6],
];

export function confidenceBands<T>(
  items: readonly T[],
  confidenceOf: (item: T) => number | undefined,
  right: (item: T) => boolean,
): Band[] {
  return CONFIDENCE_BANDS.map(([from, to]) => {
    const inBand = items.filter((item) => {
      const c = confidenceOf(item);
      return c !== undefined && c >= from && (to === 1 ? c <= 1 : c < to);
    });
    const exact = inBand.filter(right).length;
    return { from, to, answered: inBand.length, exact, precision: inBand.length === 0 ? 0 : exact / inBand.length };
  });
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** One line per non-empty band. */
export function formatBands(bands: readonly Band[]): string {
  return bands
    .filter((band) => band.answered > 0)
    .map(
      (band) =>
        `    [${band.from.toFixed(2)}, ${band.to.toFixed(2)}${band.to === 1 ? ']' : ')'}  ${String(band.answered).padStart(5)} answered  precision ${pct(band.precision)} (${band.exact} right)`,
    )
    .join('\n');
}
