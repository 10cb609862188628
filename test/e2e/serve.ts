import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { ROOT } from '../paths';
import { REAL_OUT, REAL_PATH } from './real-fixtures';

/**
 * The fixture pages, served on the Adobe hosts (and the docs site and one unrelated host) by both browsers'
 * drivers. A fixture is chosen by the path `/<product>/<name>.html` or by `?fixture=<product>/<name>`, so that
 * a unified-shell address with its `#/@org/...` hash can still name its page. A sidecar `<file>.headers.json`
 * adds response headers (a strict CSP, say).
 */
export const FIXTURES = join(ROOT, 'test/fixtures');
export const SERVED = /^https:\/\/(experience\.adobe\.com|[a-z0-9-]+\.experience\.adobe\.net|bank\.demdex\.com|experienceleague\.adobe\.com|www\.example\.org)\//;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/**
 * tsx (which runs the benchmarks and scripts) compiles named functions into `__name(fn, "name")` calls;
 * functions handed to a page carry those calls along, so pages get a no-op `__name`.
 */
export const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

export function fixturePath(url: string): string | null {
  const parsed = new URL(url);
  // the pages built from Adobe's real UI libraries (test/e2e/real-fixtures.ts)
  if (parsed.pathname.startsWith(REAL_PATH)) {
    const built = resolve(REAL_OUT, parsed.pathname.slice(REAL_PATH.length));
    return built.startsWith(REAL_OUT + '/') && existsSync(built) && statSync(built).isFile() ? built : null;
  }
  const named = parsed.searchParams.get('fixture');
  const rel = named ? `${named}${extname(named) ? '' : '.html'}` : parsed.pathname.replace(/^\/+/, '');
  const file = resolve(FIXTURES, rel);
  return file.startsWith(FIXTURES + '/') && existsSync(file) ? file : null;
}

export interface Reply {
  status: number;
  contentType: string;
  body: Buffer | string;
  headers: Record<string, string>;
}

/** The answer to a request for `url`, or null when the request must be refused (it leaves the fixtures). */
export function answer(url: string, headers: Record<string, string> = {}): Reply | null {
  if (!SERVED.test(url)) return null;
  const file = fixturePath(url);
  if (!file) return { status: 404, contentType: 'text/html', body: '<!doctype html><title>Not found</title><p>No such fixture.</p>', headers: {} };
  const sidecar = `${file}.headers.json`;
  const extra = existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, string>) : {};
  return { status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file), headers: { ...headers, ...extra } };
}
