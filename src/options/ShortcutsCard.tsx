import { useEffect, useState } from 'preact/hooks';
import { FOCUS_TIP, OPEN_POPUP } from '../shared/commands';
import { Keys } from '../ui/Keys';
import type { OptionsBackend } from './backend';

/** What each shortcut does, in the order shown. */
const SHORTCUTS = [
  { name: FOCUS_TIP, what: 'Moves the focus to the newest tip on the page; Escape gives it back' },
  { name: OPEN_POPUP, what: 'Opens the toolbar popup' },
];

/** The keyboard shortcuts as the browser has them now, and where to change them. */
export function ShortcutsCard({ backend }: { backend: OptionsBackend }) {
  const [keys, setKeys] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    backend.shortcuts().then(setKeys, () => setKeys({}));
  }, [backend]);
  return (
    <section class="card" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p class="hint">Tips never take the focus by themselves; a shortcut brings it to them. Every button in a tip works with Enter and Space.</p>
      <ul class="shortcut-list" aria-busy={keys === null}>
        {SHORTCUTS.map(({ name, what }) => (
          <li key={name} data-command={name}>
            <span class="shortcut-keys">{keys?.[name] ? <Keys shortcut={keys[name]} /> : <span class="shortcut-none">{keys ? 'Not set' : ''}</span>}</span>
            <span>{what}</span>
          </li>
        ))}
      </ul>
      <p class="hint shortcut-help">
        {backend.shortcutHelp}{' '}
        <button type="button" class="quiet" onClick={() => backend.openShortcuts()}>
          Change shortcuts
        </button>
      </p>
    </section>
  );
}
