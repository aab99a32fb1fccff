/**
 * Independent check of an 837P's HL hierarchy: HL01 numbered 1, 2, 3... in order; HL02 names an earlier HL of
 * the right level (subscriber 22 under billing provider 20, patient 23 under subscriber 22); HL04 says 1 exactly
 * when the next HL is a child of this one. Hand-written generators break exactly here.
 */
import type { Segment, X12Issue } from '#core/x12/reader';

const PARENT_LEVEL: Record<string, string | undefined> = { '20': undefined, '22': '20', '23': '22' };

export function readHierarchy(segments: readonly Segment[]): X12Issue[] {
  const issues: X12Issue[] = [];
  const levels = new Map<string, string>();
  const report = (hl: Segment, code: string, detail: string) =>
    issues.push({
      code,
      message: `segment ${hl.position} (HL): ${detail}`,
      position: hl.position,
      segmentId: 'HL',
      offset: hl.offset,
    });
  let previous: Segment | undefined;
  let expected = 1;
  for (const hl of segments) {
    if (hl.id !== 'HL') continue;
    const [id, parent, level] = [hl.element(1), hl.element(2), hl.element(3)];
    if (id !== String(expected)) report(hl, 'HL01_SEQUENCE', `HL01 should be ${expected}, found "${id}"`);
    expected = (Number(id) || expected) + 1;
    if (!(level in PARENT_LEVEL)) report(hl, 'HL03_LEVEL', `HL03 "${level}" is not 20, 22 or 23`);
    const parentLevel = PARENT_LEVEL[level];
    if (parentLevel === undefined && parent !== '')
      report(hl, 'HL02_PARENT', `a billing provider level has no parent, found HL02 "${parent}"`);
    if (parentLevel !== undefined && levels.get(parent) !== parentLevel) {
      report(hl, 'HL02_PARENT', `HL02 "${parent}" should name an earlier HL with level ${parentLevel}`);
    }
    if (previous) checkChildCode(previous, parent, report);
    levels.set(id, level);
    previous = hl;
  }
  if (previous && previous.element(4) !== '0')
    report(previous, 'HL04_CHILD', 'the last HL has no children, HL04 should be 0');
  return issues;
}

function checkChildCode(
  previous: Segment,
  parentOfNext: string,
  report: (hl: Segment, code: string, detail: string) => void,
): void {
  const hasChild = parentOfNext === previous.element(1);
  const says = previous.element(4);
  if (hasChild && says !== '1')
    report(previous, 'HL04_CHILD', `the next HL is its child, HL04 should be 1, found "${says}"`);
  if (!hasChild && says !== '0')
    report(previous, 'HL04_CHILD', `the next HL is not its child, HL04 should be 0, found "${says}"`);
}
