/**
 * The auto-coding threshold is read off the precision-by-confidence curve (eval/calibration.ts): lowered from the
 * top band by band while each band has evidence and every calibration set keeps its target.
 */
import { describe, expect, it } from 'vitest';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import {
  type CalibrationPoint,
  calibrateThreshold,
  isConfidenceReason,
  MIN_BAND_ITEMS,
  outcomeAt,
} from '../../../eval/calibration.ts';
import { calibrationData } from '../../../scripts/eval-calibrate.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../support/shared-data.ts';

function points(confidence: number, right: number, wrong: number): CalibrationPoint[] {
  return [
    ...Array.from({ length: right }, () => ({ confidence, right: true, blockedOtherwise: false })),
    ...Array.from({ length: wrong }, () => ({ confidence, right: false, blockedOtherwise: false })),
  ];
}

describe('calibrating the auto-coding threshold', () => {
  it('lowers the threshold through every band with enough items that are right often enough', () => {
    const set = {
      name: 's',
      target: 0.95,
      points: [...points(0.97, 100, 0), ...points(0.9, 40, 1), ...points(0.7, 30, 0)],
    };
    // [0.9, 0.95) is admitted; [0.85, 0.9) holds nothing, so the walk stops there.
    expect(calibrateThreshold([set])).toBe(0.9);
  });

  it('does not admit a weak band carried by strong ones', () => {
    const set = { name: 's', target: 0.9, points: [...points(0.97, 400, 0), ...points(0.9, 30, 10)] };
    expect(outcomeAt(set.points, 0.9).precision).toBeGreaterThan(0.9);
    expect(calibrateThreshold([set])).toBe(0.95);
  });

  it('stops where any set would miss its own target', () => {
    const strong = { name: 'a', target: 0.95, points: [...points(0.97, 100, 0), ...points(0.9, 100, 0)] };
    const weak = { name: 'b', target: 0.99, points: [...points(0.97, 50, 0), ...points(0.9, 20, 2)] };
    expect(calibrateThreshold([strong])).toBe(0.9);
    expect(calibrateThreshold([strong, weak])).toBe(0.95);
  });

  it('never lowers through a band with fewer items than the evidence needs', () => {
    const set = { name: 's', target: 0.9, points: [...points(0.97, 100, 0), ...points(0.9, MIN_BAND_ITEMS - 1, 0)] };
    expect(calibrateThreshold([set])).toBe(0.95);
  });

  it('counts an item sent to review for another reason as not auto-coded at any threshold', () => {
    const blocked = { confidence: 0.99, right: false, blockedOtherwise: true };
    expect(outcomeAt([blocked, ...points(0.99, 3, 0)], 0.5)).toMatchObject({ autoCoded: 3, precision: 1 });
    expect(isConfidenceReason('line 99213 has confidence 0.7')).toBe(true);
    expect(isConfidenceReason('payer X is not in the practice configuration')).toBe(false);
  });
});

describeWithSharedData(
  'the threshold in force is the one the calibration derives',
  ['gems', '2018', '2018_I9gem.txt'],
  () => {
    it('AUTO_CODE_MIN_CONFIDENCE equals the threshold read off the gold tuned part and the GEM development half', () => {
      const { sets, bands } = calibrationData(SHARED_DATA_DIR);
      // Every gold file is measured, including ones added after the threshold was last set.
      expect(bands.map((b) => b.name)).toContain('layouts-1.json tuned');
      expect(calibrateThreshold(sets)).toBe(AUTO_CODE_MIN_CONFIDENCE);
    }, 600_000);
  },
);
