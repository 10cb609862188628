import { describe, expect, it } from 'vitest';
import { SHELL } from './harness';
import { proveRead, sessionPerFile } from './session';

/**
 * An element met before as an ordinary one that becomes an error place (a panel turned into a toast by its
 * class, or into an alert by its role) is read as one from then on: a change inside it gets its tip in the
 * same task, before the browser can draw a frame, not in the next idle slice.
 */

const current = sessionPerFile();
const ERROR = { id: 'KA-21790', text: 'Not allowed to delete due to segment sharing enabled' };

describe('an element that becomes an error place is read as one', () => {
  for (const how of ['class', 'role'] as const) {
    it(`a panel given an error place's ${how}: the error put in it next has its tip in the same task`, async () => {
      const page = await current().open(`${SHELL}stress/blank.html`);
      await proveRead(page);
      const tipInSameTask = await page.evaluate(
        async ({ how, id, text }) => {
          const pause = () => new Promise((resolve) => setTimeout(resolve, 100));
          const panel = document.createElement('div');
          const line = document.createElement('span');
          line.textContent = 'Saving';
          panel.append(line);
          document.body.append(panel);
          await pause();
          line.textContent = 'Saved'; // a change inside an ordinary element: read in idle time
          await pause();
          if (how === 'class') panel.className = 'toast';
          else panel.setAttribute('role', 'alert');
          line.textContent = text;
          // observers have their records in a microtask queued by the first change, before this one
          await Promise.resolve();
          return !!document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector(`[data-article-id="${id}"]`);
        },
        { how, ...ERROR },
      );
      expect(tipInSameTask).toBe(true);
      await page.close();
    });
  }
});
