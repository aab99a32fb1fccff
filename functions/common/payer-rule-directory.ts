/** The file-system edge of payer rules: every `<rulesId>.json` of a directory, validated by core/scrubbing. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { payerRulesFromFiles } from '#core/scrubbing/payer-rule-files';
import type { PayerRules } from '#core/scrubbing/payer-rules';

export function loadPayerRulesDirectory(dir: string): PayerRules {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw new Error(`cannot read payer rules directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  return payerRulesFromFiles(
    names.map((name) => {
      const source = join(dir, name);
      let text: string;
      try {
        text = readFileSync(source, 'utf8');
      } catch (error) {
        throw new Error(`cannot read payer rules ${source}: ${(error as NodeJS.ErrnoException).code ?? error}`);
      }
      return { name, source, text };
    }),
  );
}
