/**
 * Where errors are shown: the one list of "error places" the watcher reads first. A change inside one of
 * them is read in the same task (a tip lands in the same frame as the error); a change anywhere else is read
 * in idle time. Getting a place wrong costs time, never a miss: every visible change is read either way.
 * The place finder (place-finder.ts) answers, for a changed element, which place to read now.
 */

/** Places that interrupt: an alert, an error dialog, a toast. One appearing starts a frame's script at once. */
const ALERT_PLACES = ['[role=alert]', '[role=alertdialog]', '[aria-live=assertive]', 'sp-toast', 'sp-alert-dialog'];

/** Places named by their tag or ARIA, precise enough to look for across a whole page. */
const NAMED_PLACES = [
  ...ALERT_PLACES,
  // the other roles and live regions
  '[role=status]', '[role=dialog]', '[aria-live=polite]', 'dialog',
  // Spectrum web components: dialogs, banners, inline alerts and help text (the negative variant is what
  // an invalid field shows; the neutral one is cheap to read and may turn negative in place)
  'sp-dialog', 'sp-alert-banner', 'sp-inline-alert', 'sp-help-text',
  // Spectrum fields marked invalid hold their negative help text in a slot
  'sp-textfield[invalid]', 'sp-number-field[invalid]', 'sp-search[invalid]', 'sp-combobox[invalid]', 'sp-picker[invalid]',
  'sp-field-group[invalid]', 'sp-checkbox[invalid]', 'sp-radio-group[invalid]', 'sp-switch[invalid]',
];

/**
 * Places told by their class: Spectrum CSS and React Spectrum name their negative and invalid variants
 * `…--negative` and `is-invalid` (sometimes with a hashed suffix, hence the substring match), and apps name
 * their toasts and banners in words. Used on the walk up from a change, where a wide container costs only
 * a read; in a whole-page query it would also pick up wrappers, so the start of a page reads these last.
 */
const CLASS_PLACES = [
  '[class*="--negative"]', '[class*="is-invalid"]',
  '[class*=toast i]', '[class*=alert i]', '[class*=notification i]', '[class*=error i]', '[class*=banner i]', '[class*=message i]',
];

/** Alerts, for the look-out kept before a frame's script starts (main.iife.ts). */
export const ALERT_SELECTOR = ALERT_PLACES.join(',');
/** Error places by tag and ARIA, for a query over a page or a shadow root. */
export const NAMED_PLACE_SELECTOR = NAMED_PLACES.join(',');
/** Every error place, for `closest()` from a changed node. */
export const PLACE_SELECTOR = [...NAMED_PLACES, ...CLASS_PLACES].join(',');
/** The attributes the selectors above look at (`class`, `role`, `aria-live`, `invalid`): a change to one may make or unmake a place. */
export const PLACE_ATTRIBUTES = [...new Set(Array.from(PLACE_SELECTOR.matchAll(/\[([\w-]+)/g), (m) => m[1]))];

/**
 * Fields that name their error elsewhere: `aria-errormessage`, or `aria-invalid=true` with the text its
 * `aria-describedby` names. The elements they name are error places too (see `namedErrorIds`). The same
 * rule as `namesErrorText`, as a selector for a query over a page.
 */
export const FIELD_SELECTOR = '[aria-errormessage], [aria-invalid=true][aria-describedby]';

/** Attributes that make a field name its error text: a change to one registers what the field names. */
export const FIELD_ATTRIBUTES = ['aria-invalid', 'aria-errormessage', 'aria-describedby'];

/** Most ids a field may name: a field names one or two; a page listing thousands is not describing an error. */
const MAX_IDS_PER_FIELD = 8;

interface Attributes {
  getAttribute(name: string): string | null;
}

/** Whether a field names its error text: the rule of FIELD_SELECTOR, for an element met on a walk. */
export function namesErrorText(field: Attributes): boolean {
  return field.getAttribute('aria-errormessage') !== null || (field.getAttribute('aria-invalid') === 'true' && field.getAttribute('aria-describedby') !== null);
}

/** The ids of the error texts a field names (aria-errormessage, or aria-describedby when it is invalid). */
export function namedErrorIds(field: Attributes): string[] {
  const ids: string[] = [];
  const add = (value: string | null) => {
    for (const id of value?.split(/\s+/) ?? []) if (id && ids.length < MAX_IDS_PER_FIELD && !ids.includes(id)) ids.push(id);
  };
  add(field.getAttribute('aria-errormessage'));
  if (field.getAttribute('aria-invalid') === 'true') add(field.getAttribute('aria-describedby'));
  return ids;
}
