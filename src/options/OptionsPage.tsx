import type { Options, Theme } from '../shared/options';
import { PRODUCT_KEYS, PRODUCT_NAMES, type ProductKey } from '../shared/products';
import type { OptionsBackend } from './backend';
import { HistoryCard } from './HistoryCard';
import { ShortcutsCard } from './ShortcutsCard';
import { useArticles, useHistory, useStoredOptions, type Articles, type Change } from './hooks';
import { builtText, mutedEntries, THEMES, toggleProduct } from './model';

const PRODUCT_HINTS: Record<ProductKey, string> = {
  aam: 'Traits, segments, destinations, ID syncs',
  aep: 'Sources, schemas, identities, segmentation, destinations',
  analytics: 'Workspace, report suites, classifications, Data Warehouse',
  cja: 'Connections, data views, Workspace projects',
  target: 'Activities, audiences, Recommendations, the VEC',
};

/** The options page: one card per setting; every change applies at once. */
export function OptionsPage({ backend, applyTheme }: { backend: OptionsBackend; applyTheme(theme: Theme): void }) {
  const { options, change, saved, say } = useStoredOptions(backend, applyTheme);
  const history = useHistory(backend);
  // the article store is large; read it only once there is an article to name
  const articles = useArticles(backend, (options?.muted.length ?? 0) > 0 || Object.keys(history?.articles ?? {}).length > 0);
  if (!options) return <div class="page" aria-busy="true" />;
  return (
    <div class="page">
      <PageHead saved={saved} />
      <ProductsCard options={options} change={change} />
      <TipsCard options={options} change={change} />
      <ShortcutsCard backend={backend} />
      <ThemeCard options={options} change={change} />
      <MutedCard options={options} change={change} articles={articles} />
      <HistoryCard options={options} change={change} history={history} articles={articles} backend={backend} say={say} />
      <footer class="page-foot">
        <p>
          Knowledge base: <strong data-kb-count>{backend.meta.count} articles</strong>, built {builtText(backend.meta.builtAt)}. Version {backend.version}.
        </p>
        <p>Works offline and sends nothing anywhere: everything it recognises and records stays in your browser.</p>
      </footer>
    </div>
  );
}

interface CardProps {
  options: Options;
  change: Change;
}

function PageHead({ saved }: { saved: string }) {
  return (
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
  );
}

function ProductsCard({ options, change }: CardProps) {
  return (
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
  );
}

function TipsCard({ options, change }: CardProps) {
  return (
    <section class="card" aria-labelledby="tips-title">
      <h2 id="tips-title">In-page tips</h2>
      <label class="check">
        <input
          type="checkbox"
          name="tips"
          checked={options.tips}
          onChange={(event) => {
            const on = event.currentTarget.checked;
            change(() => ({ tips: on }));
          }}
        />
        <span class="check-text">
          <span class="check-name">Show a tip next to a known error</span>
          <span class="check-hint">When off, errors are still listed in the toolbar popup under “On this page”.</span>
        </span>
      </label>
    </section>
  );
}

function ThemeCard({ options, change }: CardProps) {
  return (
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
  );
}

function MutedCard({ options, change, articles }: CardProps & { articles: Articles }) {
  const muted = mutedEntries(options.muted, articles);
  return (
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
  );
}
