import meta from '@kb/meta';
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { articleStore } from '../shared/kb-load';
import { loadOptions, updateOptions, watchOptions } from '../shared/options-store';
import '../ui/base.css';
import { themeController } from '../ui/theme';
import './options.css';
import { OptionsPage, type OptionsBackend } from './OptionsPage';

/** Writes one after another, so two quick changes cannot read the same old options and lose one. */
let writes: Promise<unknown> = Promise.resolve();

const backend: OptionsBackend = {
  load: loadOptions,
  update(change) {
    const next = writes.then(() => updateOptions(change));
    writes = next.catch(() => undefined);
    return next;
  },
  watch: watchOptions,
  async titles() {
    return new Map([...(await articleStore()).values()].map((a) => [a.id, a.title]));
  },
  meta,
  version: browser.runtime.getManifest().version,
};

render(<OptionsPage backend={backend} applyTheme={themeController()} />, document.getElementById('app')!);
