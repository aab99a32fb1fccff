/**
 * "Use additional code" notes of the Tabular List for a status the note states anywhere (issue 12). I25, J44, J45,
 * I21, C34, K05 and others: "Use additional code to identify: exposure to environmental tobacco smoke (Z77.22),
 * history of tobacco dependence (Z87.891), occupational exposure to environmental tobacco smoke (Z57.31), tobacco
 * dependence (F17.-), tobacco use (Z72.0)". A smoking status written in the HPI, the social history or a narrative
 * above the assessment is coded beside a diagnosis under such a note, never on its own, never when negated or said
 * of someone else, and never twice.
 */
import { describe, expect, it } from 'vitest';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { isUnderNote, parseUseAdditionalCodes, USE_ADDITIONAL_CODES } from '#core/coding/lexicon/use-additional-codes';
import { codeSets, codesOf, DATE, encounterOf } from './coding-note.ts';

const CAD = ['1. Coronary artery disease - continue aspirin, statin'];

describe('a smoking status stated outside the assessment', () => {
  it('adds Z87.891 beside coronary artery disease for a former smoker of the social history', () => {
    expect(codesOf({ socialHistory: 'Former smoker, quit 2010. Rare alcohol.', assessment: CAD })).toEqual([
      'I25.10',
      'Z87.891',
    ]);
  });

  it('adds the current smoker of the HPI as nicotine dependence, cigarettes', () => {
    expect(codesOf({ hpi: 'Chest pressure with exertion. Current smoker, 1 pack per day.', assessment: CAD })).toEqual([
      'I25.10',
      'F17.210',
    ]);
  });

  it('reads the narrative above the first heading ("Quit smoking 2021." before "Assessment:")', () => {
    const text = [
      'Patient: Sample, Pat   DOB: 05/05/1960   Sex: M',
      `Date of service: ${DATE}`,
      '',
      'h/o COPD, c/o increased SOB and wheeze x 4 days. Quit smoking 2021.',
      '',
      'Assessment: COPD exac',
      'Plan: prednisone 40 mg daily x 5 days.',
      '',
    ].join('\n');
    const coding = codeDiagnoses(encounterOf(text), { codeSets, date: DATE });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['J44.1', 'Z87.891']);
    expect(coding.diagnoses[1]!.evidence[0]).toMatchObject({ quote: 'Quit smoking', rule: 'dx.use-additional-code' });
  });

  it('adds nothing for a negated status, a never smoker, or someone else who smokes', () => {
    for (const socialHistory of [
      'Never smoker.',
      'Non-smoker.',
      'Denies tobacco use.',
      'Smoker: no',
      'Tobacco use: never',
      'Husband is a smoker.',
      'Lives with a smoker.',
    ])
      expect(codesOf({ socialHistory, assessment: CAD })).toEqual(['I25.10']);
  });

  it('adds nothing beside a diagnosis no such note is written under, nor from a plan or a family history', () => {
    expect(codesOf({ socialHistory: 'Former smoker.', assessment: ['1. Migraine'] })).toEqual(['G43.909']);
    expect(codesOf({ assessment: CAD, plan: 'Quit smoking. Walk daily.' })).toEqual(['I25.10']);
    expect(codesOf({ familyHistory: 'Father: smoker, MI at 60.', assessment: CAD })).toEqual(['I25.10']);
  });

  it('adds nothing when the assessment codes the status already, or the statements disagree', () => {
    expect(codesOf({ socialHistory: 'Former smoker.', assessment: [...CAD, '2. Former smoker'] })).toEqual([
      'I25.10',
      'Z87.891',
    ]);
    expect(codesOf({ hpi: 'He is a current smoker.', socialHistory: 'Former smoker.', assessment: CAD })).toEqual([
      'I25.10',
    ]);
  });
});

describe('the notes as data (lexicon/data/use-additional-codes.json)', () => {
  const tobacco = USE_ADDITIONAL_CODES.entries.find((entry) => entry.id === 'tobacco')!;

  it('places a code under a category range, or under a subcategory', () => {
    expect(
      ['I25.10', 'J44.1', 'J45.909', 'I21.4', 'C34.90', 'K05.10', 'D00.01'].every((c) => isUnderNote(tobacco, c)),
    ).toBe(true);
    expect(['I26.99', 'D00.1', 'G43.909', 'E11.9'].some((c) => isUnderNote(tobacco, c))).toBe(false);
  });

  it('refuses a place without its source, or a range that runs downwards', () => {
    const place = tobacco.under[0]!;
    const fileWith = (under: unknown[]) => ({ ...USE_ADDITIONAL_CODES, entries: [{ ...tobacco, under }] });
    const { source: _source, ...unsourced } = place;
    expect(() => parseUseAdditionalCodes(fileWith([unsourced]))).toThrow(/use-additional-codes\.json/);
    expect(() => parseUseAdditionalCodes(fileWith([{ ...place, codes: ['I25', 'I20'] }]))).toThrow(/runs upwards/);
  });
});
