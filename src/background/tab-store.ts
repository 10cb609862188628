import { serialBy } from '../shared/serial';
import { parseTabRecord, recordSize, recordsToEvict, tabKey, type TabRecord } from '../shared/tab-records';

/**
 * Each tab's record in storage.session (what its pages showed: the badge and the popup read it). Changes
 * to one tab run one after another, so two frames reporting at once cannot lose an item; a closed tab's
 * record is removed in the same queue, and a change still under way when the tab closed (its page
 * reported as it went) writes nothing: a closed tab's record never comes back.
 */

/** The part of `storage.session` the records use. */
export interface RecordArea {
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * Times storage may be made room in before a write is given up: each round lets the least recently written
 * tabs' records go, freeing twice what the round before asked for; four rounds free 15 times the record.
 */
const ROOM_ROUNDS = 4;
/** Closed tabs remembered (a browser never gives a closed tab's id to another tab). */
const CLOSED_KEPT = 1000;

export class TabStore {
  private readonly perTab = serialBy<number>();
  private readonly closed = new Set<number>();

  /**
   * `cleared` is told of tabs whose records were let go to make room (their badges go with them);
   * `changed` of every record written, in its tab's queue.
   */
  constructor(
    private readonly area: RecordArea,
    private readonly hooks: { cleared(tabId: number): void; changed(tabId: number, record: TabRecord): Promise<void> },
  ) {}

  async read(tabId: number): Promise<TabRecord> {
    const key = tabKey(tabId);
    return parseTabRecord((await this.area.get(key))[key]);
  }

  /** Changes a tab's record; a closed tab's stays gone (its result is then the record unwritten). */
  update(tabId: number, change: (tab: TabRecord) => TabRecord): Promise<TabRecord> {
    return this.perTab(tabId, async () => {
      const next = { ...change(await this.read(tabId)), touched: Date.now() };
      if (this.closed.has(tabId)) return next;
      await this.write(tabId, next);
      await this.hooks.changed(tabId, next);
      return next;
    });
  }

  /** The tab was closed: its record goes, after any change already queued, and no later change writes it. */
  forget(tabId: number): Promise<void> {
    this.closed.add(tabId);
    if (this.closed.size > CLOSED_KEPT) this.closed.delete(this.closed.values().next().value as number);
    return this.perTab(tabId, () => this.area.remove(tabKey(tabId)));
  }

  /** Writes a tab's record; when storage is full, older tabs' records give way. */
  private async write(tabId: number, record: TabRecord): Promise<void> {
    const key = tabKey(tabId);
    let need = recordSize(key, record);
    for (let round = 0; ; round++) {
      try {
        await this.area.set({ [key]: record });
        return;
      } catch (error) {
        if (round >= ROOM_ROUNDS || !/quota/i.test(String(error))) throw error;
        const evicted = recordsToEvict(await this.area.get(null), tabId, need);
        if (!evicted.length) throw error;
        await this.area.remove(evicted.map(tabKey));
        for (const other of evicted) this.hooks.cleared(other);
        need *= 2;
      }
    }
  }
}
