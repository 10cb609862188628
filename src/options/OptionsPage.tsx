import { useEffect, useState } from 'preact/hooks';
import type { KnowledgeBaseMeta } from '../shared/kb-types';
import type { Options, Theme } from '../shared/options';
import { PRODUCT_KEYS, PRODUCT_NAMES, type ProductKey } from '../shared/products';
import { builtText, mutedEntries, THEMES, toggleProduct } from './model';
import { useFlash } from '../ui/useFlash';

/** What the options page needs from the browser. */
export interface OptionsBackend {
  load(): Promise<Options>;
  /** Applies a change to the stored options (storage.sync) and resolves with the result. */
  update(change: (current: Options) => Partial<Options>): Promise<Options>;
  watch(callback: (options: Options) => void): () => void;
  /** Article titles by id, from the article store. */
  titles(): Promise<Map<string, string>>;
  meta: KnowledgeBaseMeta;
  version: string;
}

const PRODUCT_HINTS: Record<ProductKey, string> = {
  aam: 'Traits, segments, destinations, ID syncs',
  aep: 'Sources, schemas, identities, segmentation, destinations',
  analytics: 'Workspace, report suites, classifications, Data Warehouse',
  cja: 'Connections, data views, Workspace projects',
  target: 'Activities, audiences, Recommendations, the VEC',
};

export function OptionsPage({ backend, applyTheme }: { backend: OptionsBackend; applyTheme(theme: Theme): void }) {
  const [options, setOptions] = useState<Options | null>(null);
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const [saved, setSaved] = useFlash(2000);

  useEffect(() => {
    backend.load().then(setOptions);
    // the page follows changes made elsewhere: a tip's "Don't show again", another options tab
    return backend.watch(setOptions);
  }, []);

  useEffect(() => {
    if (options) applyTheme(options.theme);
  }, [options?.theme]);

  // the article store is large; read it only once there is a muted article to name
  const needTitles = (options?.muted.length ?? 0) > 0;
  useEffect(() => {
    if (needTitles && titles.size === 0) backend.titles().then(setTitles, () => undefined);
  }, [needTitles]);

  const change = (patch: (current: Options) => Partial<Options>, message = 'Saved') => {
    // show the change at once; storage answers with the parsed result (and watch() with any later change)
    setOptions((current) => (current ? { ...current, ...patch(current) } : current));
    backend.update(patch).then(
      (next) => {
        setOptions(next);
        setSaved(message);
      },
      () => setSaved('Could not save the change'),
    );
  };

  if (!options) return <div class="page" aria-busy="true" />;
  const muted = mutedEntries(options.muted, titles);

  return (
    <div class="page">
      <header class="page-head">
        <img src="/icons/icon-48.png" alt="" width="36" height="36" />
        <div>
          <h1>XC Troubleshooter</h1>
          <p class="lede">Changes apply at once, in every open tab.</p>
        </div>
        <p class="saved" role="status" aria-live="polite">
          {saved && (
            <>
              <span aria-hidden="true">✓</span> {saved}
            </>
          )}
        </p>
      </header>

      <section class="card" aria-labelledby="products-title">
        <h2 id="products-title">Your products</h2>
        <p class="hint">Tips, the popup’s “On this page” and its search cover the products you pick.</p>
        <fieldset class="products">
          <legend class="sr-only">Products</legend>
          {PRODUCT_KEYS.map((key) => (
            <label class="check" key={key}>
              <input
                type="checkbox"
                name="product"
                value={key}
                checked={options.products.includes(key)}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  change((current) => ({ products: toggleProduct(current.products, key, on) }));
                }}
              />
              <span class="check-text">
                <span class="check-name">{PRODUCT_NAMES[key]}</span>
                <span class="check-hint">{PRODUCT_HINTS[key]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {options.products.length === 0 && (
          <p class="warning" role="note">
            No product is picked: no tips will show and nothing is listed on pages.
          </p>
        )}
      </section>

      <section class="card" aria-labelledby="tips-title">
        <h2 id="tips-title">In-page tips</h2>
        <label class="check">
          <input type="checkbox" name="tips" checked={options.tips} onChange={(event) => {
            const on = event.currentTarget.checked;
            change(() => ({ tips: on }));
          }} />
          <span class="check-text">
            <span class="check-name">Show a tip next to a known error</span>
            <span class="check-hint">When off, errors are still listed in the toolbar popup under “On this page”.</span>
          </span>
        </label>
      </section>

      <section class="card" aria-labelledby="theme-title">
        <h2 id="theme-title">Theme</h2>
        <p class="hint">For the tips, the popup and this page.</p>
        <div class="segmented" role="radiogroup" aria-labelledby="theme-title">
          {THEMES.map(({ value, label }) => (
            <label key={value} class={options.theme === value ? 'on' : ''}>
              <input type="radio" name="theme" value={value} checked={options.theme === value} onChange={() => change(() => ({ theme: value }))} />
              {label}
            </label>
          ))}
        </div>
      </section>

      <section class="card" aria-labelledby="muted-title">
        <h2 id="muted-title">Don’t show again</h2>
        {muted.length === 0 ? (
          <p class="hint">No articles are hidden. When you choose “Don’t show again” on a tip, its article is listed here, so you can bring it back.</p>
        ) : (
          <>
            <p class="hint">These articles no longer raise tips. They are still listed in the popup.</p>
            <ul class="muted-list">
              {muted.map((entry) => (
                <li key={entry.id} data-article-id={entry.id}>
                  <span class="muted-text">
                    <span class="muted-title">{entry.title}</span>
                    <span class="muted-id">{entry.id}</span>
                  </span>
                  <button type="button" onClick={() => change((current) => ({ muted: current.muted.filter((id) => id !== entry.id) }), `${entry.id} will show again`)}>
                    Show again
                  </button>
                </li>
              ))}
            </ul>
            {muted.length > 1 && (
              <button type="button" class="quiet all" onClick={() => change(() => ({ muted: [] }), 'All articles will show again')}>
                Show all again
              </button>
            )}
          </>
        )}
      </section>

      <footer class="page-foot">
        <p>
          Knowledge base: <strong data-kb-count>{backend.meta.count} articles</strong>, built {builtText(backend.meta.builtAt)}. Version {backend.version}.
        </p>
        <p>Works offline and sends nothing anywhere: everything it recognises stays in your browser.</p>
      </footer>
    </div>
  );
}
