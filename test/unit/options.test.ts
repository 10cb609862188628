import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, OPTIONS_VERSION, parseOptions, serializeOptions, type Options } from '../../src/shared/options';
import { PRODUCT_KEYS } from '../../src/shared/products';

const DEFAULTS: Options = { products: [...PRODUCT_KEYS], tips: true, muted: [], theme: 'auto', history: true };

/** A stored object of the current version with some fields set. */
const current = (fields: Record<string, unknown>): Record<string, unknown> => ({ version: OPTIONS_VERSION, ...fields });

describe('defaults', () => {
  it('picks every product, shows tips, mutes nothing, follows the browser theme', () => {
    expect(DEFAULT_OPTIONS).toEqual(DEFAULTS);
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
  });

  it('hands out fresh arrays: changing a parsed result never changes the defaults', () => {
    const parsed = parseOptions(undefined);
    parsed.products.pop();
    parsed.muted.push('KA-21790');
    expect(parseOptions(undefined)).toEqual(DEFAULTS);
  });
});

describe('a stored value that is not an options object gives the defaults, without throwing', () => {
  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'options'],
    ['a number', 42],
    ['true', true],
    ['false', false],
    ['an array', ['aam', 'target']],
    ['an empty object', {}],
    ['a function', () => ({ products: ['aam'] })],
  ])('%s', (_name, raw) => {
    expect(parseOptions(raw)).toEqual(DEFAULTS);
  });
});

describe('each field falls back on its own', () => {
  it.each([
    // products
    ['products not a list', { products: 'aam' }, {}],
    ['products as null', { products: null }, {}],
    ['products as an object', { products: { 0: 'aam' } }, {}],
    ['products with wrong types', { products: [1, null, 'aam', {}, ['target']] }, { products: ['aam'] }],
    ['unknown products dropped', { products: ['aam', 'photoshop', 'AEP', ' target'] }, { products: ['aam'] }],
    ['only unknown products', { products: ['photoshop', 'campaign'] }, {}],
    ['duplicate products', { products: ['target', 'aam', 'target', 'aam'] }, { products: ['aam', 'target'] }],
    ['products kept in the registry order', { products: ['target', 'cja', 'aam'] }, { products: ['aam', 'cja', 'target'] }],
    ['no product picked is a choice', { products: [] }, { products: [] }],
    // tips
    ['tips as a string', { tips: 'false' }, {}],
    ['tips as a number', { tips: 0 }, {}],
    ['tips off', { tips: false }, { tips: false }],
    // muted
    ['muted not a list', { muted: 'KA-21790' }, {}],
    ['muted with bad ids', { muted: ['ka-21790', 'KA-1', 'KA-1234567', '', 'KA-21790 ', 21790, null, 'KA-21790'] }, { muted: ['KA-21790'] }],
    ['muted duplicates', { muted: ['KA-20057', 'KA-21790', 'KA-20057'] }, { muted: ['KA-20057', 'KA-21790'] }],
    // theme
    ['unknown theme', { theme: 'blue' }, {}],
    ['theme in capitals', { theme: 'Dark' }, {}],
    ['theme not a string', { theme: 1 }, {}],
    ['dark theme', { theme: 'dark' }, { theme: 'dark' }],
    ['light theme', { theme: 'light' }, { theme: 'light' }],
    // history
    ['history as a string', { history: 'off' }, {}],
    ['history as null', { history: null }, {}],
    ['history off', { history: false }, { history: false }],
  ])('%s', (_name, fields, expected) => {
    expect(parseOptions(current(fields))).toEqual({ ...DEFAULTS, ...expected });
  });

  it('keeps the valid fields of an object whose other fields are all corrupt', () => {
    expect(parseOptions(current({ products: 'all', tips: 'yes', muted: ['KA-21790'], theme: 7, extra: { nested: true } }))).toEqual({ ...DEFAULTS, muted: ['KA-21790'] });
  });

  it('does not change the stored object it reads', () => {
    const raw = Object.freeze(current({ products: Object.freeze(['target', 'aam', 'aam']), muted: Object.freeze(['bad']) }));
    expect(() => parseOptions(raw)).not.toThrow();
    expect(raw.products).toEqual(['target', 'aam', 'aam']);
  });
});

describe('versions', () => {
  it('migrates a version-1 object: products as flags, muted articles as "hidden"', () => {
    const v1 = { version: 1, products: { aam: true, aep: false, analytics: true, target: 'yes' }, hidden: ['KA-21790', 'nope'], tips: false, theme: 'dark' };
    expect(parseOptions(v1)).toEqual({ products: ['aam', 'analytics'], tips: false, muted: ['KA-21790'], theme: 'dark', history: true });
  });

  it('migrates a version-1 object with every product off to no product picked', () => {
    expect(parseOptions({ version: 1, products: { aam: false, target: false } }).products).toEqual([]);
  });

  it.each([
    ['products missing', { version: 1 }, {}],
    ['products as a list already', { version: 1, products: ['target'] }, { products: ['target'] }],
    ['products as a string', { version: 1, products: 'aam' }, {}],
    ['hidden not a list', { version: 1, hidden: 'KA-21790' }, {}],
    ['a "muted" field that version 1 did not have', { version: 1, muted: ['KA-21790'] }, {}],
    ['every field corrupt', { version: 1, products: null, hidden: {}, tips: [], theme: null }, {}],
  ])('a version-1 object with %s falls back field by field', (_name, v1, expected) => {
    expect(parseOptions(v1)).toEqual({ ...DEFAULTS, ...expected });
  });

  it('reads a future version as it is, field by field, without migrating', () => {
    const future = { version: OPTIONS_VERSION + 1, products: ['cja'], tips: false, muted: ['KA-20057'], theme: 'light', layout: 'compact', hidden: ['KA-21790'] };
    expect(parseOptions(future)).toEqual({ products: ['cja'], tips: false, muted: ['KA-20057'], theme: 'light', history: true });
  });

  it.each([
    ['no version', { products: ['aam'] }],
    ['a version that is a string', { version: '1', products: ['aam'] }],
    ['a fractional version', { version: 1.5, products: ['aam'] }],
    ['version 0, which has no migration', { version: 0, products: ['aam'] }],
    ['a negative version', { version: -3, products: ['aam'] }],
  ])('reads an object with %s as the current version', (_name, raw) => {
    expect(parseOptions(raw)).toEqual({ ...DEFAULTS, products: ['aam'] });
  });
});

describe('serializing', () => {
  it('stores the current version with every field, and reads back the same options', () => {
    const options: Options = { products: ['aep', 'target'], tips: false, muted: ['KA-21790'], theme: 'dark', history: false };
    const stored = serializeOptions(options);
    expect(stored.version).toBe(OPTIONS_VERSION);
    expect(parseOptions(JSON.parse(JSON.stringify(stored)))).toEqual(options);
  });

  it('round-trips the defaults', () => {
    expect(parseOptions(serializeOptions(parseOptions(undefined)))).toEqual(DEFAULTS);
  });
});
