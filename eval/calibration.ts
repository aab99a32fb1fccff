/**
 * The auto-coding threshold read off the precision-by-confidence curve, never set by hand. An item (a gold
 * encounter, a GEM title) is auto-coded at threshold t when its weakest code's confidence is at least t and nothing
 * but confidence sent it to review. The threshold chosen is the lowest of the grid at which, on every calibration
 * set (the gold set's tuned part, the GEM development half), the auto-coded items are right at least that set's
 * target of the time, and every band of confidence it admits is right at least `BAND_FLOOR` of the time (pooled),
 * so a weak band is never carried by strong ones. It is then measured on data it never saw (the held-out gold part
 * and the GEM untouched half).
 */

export interface CalibrationPoint {
  /** The weakest code's confidence, or undefined when nothing was coded. */
  confidence?: number;
  right: boolean;
  /** Review reasons other than a code's confidence: the item goes to review whatever the threshold. */
  blockedOtherwise: boolean;
}

export interface ThresholdOutcome {
  threshold: number;
  autoCoded: number;
  right: number;
  items: number;
  automation: number;
  precision: number;
}

/** The candidate thresholds: the confidence values the coder produces, on a 0.05 grid from 0.5 to 0.95. */
export const THRESHOLD_GRID: readonly number[] = Array.from(
  { length: 10 },
  (_, i) => Math.round((0.5 + i * 0.05) * 100) / 100,
);

/** Floating confidences are rounded to three places by the coder: compare on that scale. */
const atLeast = (confidence: number, threshold: number) =>
  Math.round(confidence * 1000) >= Math.round(threshold * 1000);

export function outcomeAt(points: readonly CalibrationPoint[], threshold: number): ThresholdOutcome {
  const auto = points.filter(
    (p) => !p.blockedOtherwise && p.confidence !== undefined && atLeast(p.confidence, threshold),
  );
  const right = auto.filter((p) => p.right).length;
  return {
    threshold,
    autoCoded: auto.length,
    right,
    items: points.length,
    automation: points.length === 0 ? 0 : auto.length / points.length,
    precision: auto.length === 0 ? 1 : right / auto.length,
  };
}

/** No band of confidence is auto-coded whose own items are right less often than this. */
export const BAND_FLOOR = 0.9;

export interface CalibrationSet {
  name: string;
  points: readonly CalibrationPoint[];
  /** Precision the auto-coded items of this set must reach. */
  target: number;
}

/** A band with fewer items than this is no evidence either way: the threshold is not lowered through it. */
export const MIN_BAND_ITEMS = 20;

/**
 * Walks the grid down from its top: the threshold is lowered through a band of confidence only when the band holds
 * at least `MIN_BAND_ITEMS` items (pooled), they are right at least `BAND_FLOOR` of the time, and every set still
 * meets its target at the lower threshold. The first band that fails (or is empty) stops the walk.
 */
export function calibrateThreshold(sets: readonly CalibrationSet[], grid: readonly number[] = THRESHOLD_GRID): number {
  const pooled = sets.flatMap((set) => set.points);
  let threshold = grid.at(-1)!;
  for (let i = grid.length - 2; i >= 0; i--) {
    const from = grid[i]!;
    const band = pooled.filter(
      (p) =>
        !p.blockedOtherwise &&
        p.confidence !== undefined &&
        atLeast(p.confidence, from) &&
        !atLeast(p.confidence, threshold),
    );
    const precision = band.length === 0 ? 0 : band.filter((p) => p.right).length / band.length;
    const meetsTargets = sets.every((set) => outcomeAt(set.points, from).precision >= set.target);
    if (band.length < MIN_BAND_ITEMS || precision < BAND_FLOOR || !meetsTargets) break;
    threshold = from;
  }
  return threshold;
}

/** A review reason that only says a code's confidence was below the threshold. */
export const isConfidenceReason = (message: string) => / has confidence \d/.test(message);
