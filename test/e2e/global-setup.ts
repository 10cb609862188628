import { buildRealFixtures } from './real-fixtures';

/** Once per browser-test run: builds the pages made from Adobe's real UI libraries (a no-op when unchanged). */
export default async function setup(): Promise<void> {
  const { built, ms } = await buildRealFixtures();
  process.stderr.write(built ? `real-component fixtures built in ${(ms / 1000).toFixed(1)} s\n` : 'real-component fixtures up to date\n');
}
