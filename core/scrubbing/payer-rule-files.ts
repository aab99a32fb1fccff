/** The file-system edge of payer rules: every `<rulesId>.json` of a directory, validated (the CLI's loader). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PayerRules, parsePayerRuleSet, payerRulesFrom } from './payer-rules.ts';

export function loadPayerRulesDirectory(dir: string): PayerRules {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw new Error(`cannot read payer rules directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const ruleSets = names.sort().map((name) => {
    const path = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`payer rules ${path} are not readable JSON: ${(error as Error).message}`);
    }
    const rules = parsePayerRuleSet(json, path);
    if (`${rules.rulesId}.json` !== name)
      throw new Error(
        `payer rules ${path} declare rulesId "${rules.rulesId}"; the file must be named ${rules.rulesId}.json`,
      );
    return rules;
  });
  return payerRulesFrom(ruleSets);
}
