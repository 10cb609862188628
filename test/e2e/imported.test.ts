import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeCorpus, KCS_ARTICLES, ROOT } from '../paths';
import { BROWSER, launch, tipIds, waitForTip, type Session } from './harness';
import { PROOF, proveRead } from './session';

/**
 * The whole public Experience League knowledge base, imported and built into an extension of its own
 * (in a temporary folder: dist/ and imported/ are left alone), loaded in the browser under test.
 */
const MODE = BROWSER === 'firefox' ? 'firefox' : 'chrome';

function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describeCorpus('a build with the imported knowledge base', () => {
  let work: string;
  let session: Session;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'xc-imported-'));
    run('npx', ['tsx', 'src/importer/cli.ts', KCS_ARTICLES!, '--out', join(work, 'imported')]);
    run('npx', ['vite', 'build', '--mode', MODE], { XC_IMPORTED: join(work, 'imported'), XC_OUT_DIR: join(work, 'dist') });
    session = await launch({ extension: join(work, 'dist', MODE) });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships every imported article, and the licence they come under', () => {
    const imported = readdirSync(join(work, 'imported')).filter((n) => /^KA-\d+\.md$/.test(n));
    const store = JSON.parse(readFileSync(join(work, 'dist', MODE, 'kb/articles.json'), 'utf8')) as { id: string }[];
    const ids = new Set(store.map((a) => a.id));
    expect(imported.length).toBeGreaterThan(300);
    for (const name of imported) expect(ids.has(name.replace(/\.md$/, ''))).toBe(true);
    expect(readFileSync(join(work, 'dist', MODE, 'kb/IMPORTED-LICENSE.txt'), 'utf8')).toMatch(/MIT|Permission is hereby granted/);
    expect(existsSync(join(ROOT, 'dist', MODE, 'kb/IMPORTED-LICENSE.txt'))).toBe(false);
  });

  it('shows a tip for an error only an imported article knows', async () => {
    expect(existsSync(join(ROOT, 'articles/KA-15868.md'))).toBe(false);
    const page = await session.open('https://experience.adobe.com/?fixture=analytics/segment-publish#/@acme/analytics/segments/edit');
    await proveRead(page); // read, and no tip but the proof's before the error
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#save');
    await waitForTip(page, 'KA-15868');
    await page.close();
  });

  it('still shows our own articles', async () => {
    const page = await session.open('https://bank.demdex.com/aam/traits-toast.html');
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    await page.close();
  });
});
