#!/usr/bin/env node
/**
 * The operator CLI: `npm run claimflow -- <command> [args]`.
 * Each command is one module in bin/commands/ exporting `summary` and `run(argv)`; the file name is the command name,
 * so adding a command never touches a shared registry.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CliCommand {
  /** One line for `claimflow help`. */
  summary: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function load(name: string): Promise<CliCommand> {
  return (await import(join(commandsDir, `${name}.ts`))) as CliCommand;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const names = commandNames();
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const lines = await Promise.all(names.map(async (n) => `  ${n.padEnd(12)} ${(await load(n)).summary}`));
    process.stdout.write(`Usage: npm run claimflow -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`);
    return name ? 0 : 2;
  }
  if (!names.includes(name)) {
    process.stderr.write(`claimflow: unknown command "${name}". Known commands: ${names.join(', ')}\n`);
    return 2;
  }
  return (await load(name)).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`claimflow: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
