/**
 * N402 state and province codes (X12 code source 22), read from core/x12/data/state-province-codes.json and
 * validated once when first used: a broken data file fails loudly instead of letting every address pass.
 */
import { z } from 'zod';
import stateProvinceFile from '../data/state-province-codes.json' with { type: 'json' };

const twoLetters = z.array(z.string().regex(/^[A-Z]{2}$/)).min(1);
const stateProvinceSchema = z
  .object({
    kind: z.literal('state-province-codes'),
    version: z.string(),
    sources: z.array(z.string()).min(1),
    unitedStates: twoLetters,
    unitedStatesTerritories: twoLetters,
    militaryPostOffices: twoLetters,
    canada: twoLetters,
  })
  .strict();

export interface StateProvinceCodes {
  /** States, DC, territories, freely associated states and military post offices: valid when N404 is US. */
  unitedStates: ReadonlySet<string>;
  /** Canadian provinces and territories: valid when N404 is CA. */
  canada: ReadonlySet<string>;
}

let loaded: StateProvinceCodes | undefined;

export function stateProvinceCodes(): StateProvinceCodes {
  if (!loaded) {
    const file = stateProvinceSchema.parse(stateProvinceFile);
    loaded = {
      unitedStates: new Set([...file.unitedStates, ...file.unitedStatesTerritories, ...file.militaryPostOffices]),
      canada: new Set(file.canada),
    };
  }
  return loaded;
}
