import { shortcutKeys } from '../shared/commands';

/** A keyboard shortcut as keys: <kbd>Alt</kbd><kbd>Shift</kbd><kbd>J</kbd>, each key read out in turn. */
export function Keys({ shortcut }: { shortcut: string }) {
  return (
    <span class="keys-combo">
      {shortcutKeys(shortcut).map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </span>
  );
}
