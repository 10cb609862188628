/** Command-line arguments of `npm run import`. */

const USAGE = 'usage: npm run import -- <folder> [--out DIR] [--overrides FILE]';

export interface Args {
  input: string;
  out: string;
  overrides: string;
  overridesGiven: boolean;
}

export function parseArgs(argv: readonly string[]): Args | string {
  let input: string | undefined;
  let out = 'imported';
  let overrides = 'importer-overrides.yaml';
  let overridesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--out' || flag === '--overrides') {
      const value = inline ?? argv[++i];
      if (!value) return `${flag} needs a value\n${USAGE}`;
      if (flag === '--out') out = value;
      else {
        overrides = value;
        overridesGiven = true;
      }
    } else if (flag === '--help' || flag === '-h') return USAGE;
    else if (flag.startsWith('-')) return `unknown option ${flag}\n${USAGE}`;
    else if (input === undefined) input = arg;
    else return `one folder only\n${USAGE}`;
  }
  if (!input) return USAGE;
  return { input, out, overrides, overridesGiven };
}
