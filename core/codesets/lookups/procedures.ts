/** HCPCS, CPT and NCCI lookups over the release in effect on the date asked (see ../index.ts). */
import type { IsoDate } from '#core/documents/encounter';
import { TABLE } from '../bundle/format.ts';
import type { LoadedRelease } from '../bundle/loaded-release.ts';
import { isWithin } from '../dates.ts';
import type { CptLookups, HcpcsLookups, HcpcsStatus, MueAnswer, NcciLookups, PtpAnswer } from '../index.ts';
import type { MueAdjudicationIndicator, PtpModifierIndicator } from '../ncci/types.ts';
import { normalizeCode } from '../normalize.ts';

type PickRelease = (date: IsoDate) => LoadedRelease | undefined;

const CPT_CODE = /^\d{4}[0-9FTU]$/;

function statusOn(date: IsoDate, addDate: string, terminationDate: string): HcpcsStatus {
  if (addDate && date < addDate) return 'not-yet-added';
  if (terminationDate && date > terminationDate) return 'terminated';
  return 'active';
}

const optional = <K extends string>(key: K, value: string) => (value ? ({ [key]: value } as Record<K, string>) : {});

export function hcpcsLookups(pick: PickRelease): HcpcsLookups {
  const lookup: HcpcsLookups['lookup'] = (code, date) => {
    const release = pick(date);
    const fields = release?.table(TABLE.hcpcsCodes)?.get(normalizeCode(code));
    if (!release || !fields) return undefined;
    const [
      key = '',
      add = '',
      term = '',
      action = '',
      actionEff = '',
      coverage = '',
      pricing = '',
      betos = '',
      tos = '',
      short = '',
      long = '',
    ] = fields;
    return {
      code: key,
      shortDescription: short,
      longDescription: long,
      status: statusOn(date, add, term),
      ...optional('addDate', add),
      ...optional('terminationDate', term),
      actionCode: action,
      ...optional('actionEffectiveDate', actionEff),
      coverageCode: coverage,
      pricingIndicators: pricing ? pricing.split(',') : [],
      betos,
      typesOfService: tos ? tos.split(',') : [],
      release: release.id,
    };
  };
  return {
    lookup,
    isValid: (code, date) => lookup(code, date)?.status === 'active',
    modifier(modifier, date) {
      const release = pick(date);
      const fields = release?.table(TABLE.hcpcsModifiers)?.get(normalizeCode(modifier));
      if (!release || !fields) return undefined;
      const [key = '', add = '', term = '', , , short = '', long = ''] = fields;
      return {
        modifier: key,
        shortDescription: short,
        longDescription: long,
        status: statusOn(date, add, term),
        ...optional('addDate', add),
        ...optional('terminationDate', term),
        release: release.id,
      };
    },
  };
}

export function cptLookups(pick: PickRelease): CptLookups {
  const lookup: CptLookups['lookup'] = (code, date) => {
    const release = pick(date);
    const fields = release?.table(TABLE.cptCodes)?.get(normalizeCode(code));
    return release && fields ? { code: fields[0]!, label: fields[1] ?? '', release: release.id } : undefined;
  };
  return {
    lookup,
    isValid: (code, date) => lookup(code, date) !== undefined,
    isWellFormed: (code) => CPT_CODE.test(normalizeCode(code)),
  };
}

export function ncciLookups(pickPtp: PickRelease, pickMue: PickRelease): NcciLookups {
  const ptpIn = (release: LoadedRelease, column1: string, column2: string, date: IsoDate): PtpAnswer | undefined => {
    for (const [, effective = '', deletion = '', modifier = '', , rationale = ''] of release
      .table(TABLE.ptp)
      ?.find(`${column1}|${column2}`) ?? []) {
      if (!isWithin(date, effective, deletion || undefined)) continue;
      return {
        column1,
        column2,
        modifierIndicator: modifier as PtpModifierIndicator,
        effective,
        ...optional('deletion', deletion),
        rationale,
        release: release.id,
      };
    }
    return undefined;
  };
  return {
    ptp(codeA, codeB, date) {
      const release = pickPtp(date);
      if (!release) return undefined;
      const a = normalizeCode(codeA);
      const b = normalizeCode(codeB);
      return ptpIn(release, a, b, date) ?? ptpIn(release, b, a, date);
    },
    mue(code, date): MueAnswer | undefined {
      const release = pickMue(date);
      const fields = release?.table(TABLE.mue)?.get(normalizeCode(code));
      if (!release || !fields) return undefined;
      const [key = '', value = '0', indicator = '', indicatorText = '', rationale = ''] = fields;
      return {
        code: key,
        value: Number(value),
        indicator: indicator as MueAdjudicationIndicator,
        indicatorText,
        rationale,
        release: release.id,
      };
    },
  };
}
