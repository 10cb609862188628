/** `npm run check:articles`: compiles the knowledge base and prints every problem as file:line: message. */
import { formatProblems } from './compile';
import { compileProject } from './load';

const result = compileProject(process.cwd());
if (result.warnings.length) console.warn(formatProblems(result.warnings));
if (result.problems.length) {
  console.error(formatProblems(result.problems));
  console.error(`${result.problems.length} problem(s) in the knowledge base`);
  process.exit(1);
}
console.log(`${result.articles.length} articles, ${result.table.patterns.length} patterns${result.shadowed.length ? `, ${result.shadowed.length} imported articles shadowed by ours` : ''}`);
