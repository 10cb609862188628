/**
 * Reads `web-ext lint --output json` and fails on any error, and on any warning except the one Preact
 * causes: its own innerHTML sink, reached only through dangerouslySetInnerHTML (which our code never uses;
 * eslint forbids it), flagged once per bundle that contains Preact.
 * Usage: check-web-ext-lint <report.json> [the linted folder, dist/firefox by default]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

const linted = process.argv[3] ?? 'dist/firefox';
const report = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { errors: Message[]; warnings: Message[]; notices: Message[] };
const preactSink = (m: Message) => {
  if (m.code !== 'UNSAFE_VAR_ASSIGNMENT' || !m.file) return false;
  const source = readFileSync(join(linted, m.file), 'utf8');
  return source.includes('dangerouslySetInnerHTML');
};
const perFile = new Map<string, number>();
const unexpected = report.warnings.filter((m) => {
  if (!preactSink(m)) return true;
  const count = (perFile.get(m.file!) ?? 0) + 1;
  perFile.set(m.file!, count);
  return count > 1;
});
for (const m of [...report.errors, ...unexpected]) console.error(`${m.code} ${m.file ?? ''}:${m.line ?? ''} ${m.message}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexpected.length} expected from Preact), ${report.notices.length} notices`);
if (report.errors.length || unexpected.length) process.exit(1);
