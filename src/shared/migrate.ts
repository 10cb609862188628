/**
 * Brings a stored object up to the current version of its schema, one migration at a time: what the options
 * and the history share. Each migration takes an object of its version to the next. A migration that throws
 * leaves an empty object, so the reader falls back to its defaults instead of failing.
 */

export type Stored = Record<string, unknown>;
export type Migrations = Readonly<Record<number, (stored: Stored) => Stored>>;

/** A stored value as an object (a copy), or {} when it is not one. */
export function storedObject(raw: unknown): Stored {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Stored) } : {};
}

export function migrate(raw: unknown, current: number, migrations: Migrations): Stored {
  let stored = storedObject(raw);
  // no version: written before versions were recorded, or by hand; read as the current one
  let version = typeof stored.version === 'number' && Number.isInteger(stored.version) ? stored.version : current;
  while (version < current && migrations[version]) {
    try {
      stored = migrations[version](stored);
    } catch {
      stored = {};
    }
    version++;
  }
  return stored;
}
