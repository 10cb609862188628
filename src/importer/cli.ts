/**
 * `npm run import -- <folder> [--out DIR] [--overrides FILE]`: imports Experience League knowledge-base
 * files into DIR (default `imported/`), replacing what an earlier run wrote there, and prints the report.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from './args';
import { importFolder } from './importer';
import { OverrideError } from './overrides';
import { formatReport } from './report';

function main(): number {
  const args = parseArgs(process.argv.slice(2));
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

process.exitCode = main();
