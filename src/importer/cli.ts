/**
 * `npm run import -- <folder> [--out DIR] [--overrides FILE]`: imports Experience League knowledge-base
 * files into DIR (default `imported/`), replacing what an earlier import wrote there, and prints the report.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importFolder } from './importer';
import { OverrideError } from './overrides';
import { formatReport } from './report';

const USAGE = 'usage: npm run import -- <folder> [--out DIR] [--overrides FILE]';

export interface Args {
  input: string;
  out: string;
  overrides: string;
  overridesGiven: boolean;
}

/** The command line as options, or the message to print (usage, or what is wrong with it). */
export function readArgs(argv: readonly string[]): Args | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { out: { type: 'string', default: 'imported' }, overrides: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    const option = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    return `${/argument missing/.test((error as Error).message) ? `${option} needs a value` : `unknown option ${option ?? ''}`.trim()}\n${USAGE}`;
  }
  const { values, positionals } = parsed;
  if (values.help || !positionals.length) return USAGE;
  if (positionals.length > 1) return `one folder only\n${USAGE}`;
  return { input: positionals[0], out: values.out, overrides: values.overrides ?? 'importer-overrides.yaml', overridesGiven: values.overrides !== undefined };
}

function main(): number {
  const args = readArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  if (args.overridesGiven && !existsSync(args.overrides)) {
    console.error(`override file ${args.overrides} not found`);
    return 2;
  }
  try {
    const result = importFolder({ input: args.input, out: args.out, overrides: args.overrides, root: process.cwd() });
    const out = relative(process.cwd(), resolve(args.out)) || '.';
    console.log(formatReport(result.report, `${out}/`));
    console.log(`Report written to ${out}/report.json.`);
    return 0;
  } catch (error) {
    if (error instanceof OverrideError) console.error(error.message);
    else console.error(`import failed: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main();
