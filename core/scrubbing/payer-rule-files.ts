/**
 * Payer rule files, validated: each `<rulesId>.json` of a directory, given as name and text. Reading the directory
 * is the caller's edge (functions/common/payer-rule-directory.ts); core never touches the file system.
 */
import { type PayerRules, parsePayerRuleSet, payerRulesFrom } from './payer-rules.ts';

export interface PayerRuleFile {
  /** File name, e.g. `medicare-part-b.json`. */
  name: string;
  /** Path or other label for messages. */
  source: string;
  text: string;
}

export function payerRulesFromFiles(files: readonly PayerRuleFile[]): PayerRules {
  const ruleSets = [...files]
    .filter((file) => file.name.endsWith('.json'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((file) => {
      let json: unknown;
      try {
        json = JSON.parse(file.text);
      } catch (error) {
        throw new Error(`payer rules ${file.source} are not readable JSON: ${(error as Error).message}`);
      }
      const rules = parsePayerRuleSet(json, file.source);
      if (`${rules.rulesId}.json` !== file.name)
        throw new Error(
          `payer rules ${file.source} declare rulesId "${rules.rulesId}"; the file must be named ${rules.rulesId}.json`,
        );
      return rules;
    });
  return payerRulesFrom(ruleSets);
}
