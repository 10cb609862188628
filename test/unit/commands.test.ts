import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The extension API the worker's command handler uses, recorded instead of a browser. */
const sent: { tabId: number; message: unknown; options?: { frameId?: number } }[] = [];
let activeTabs: { id?: number }[] = [];
let reply: unknown = { ok: true, value: { focused: true } };
vi.mock('../../src/shared/ext', () => ({
  ext: {
    runtime: { id: 'ours' },
    tabs: {
      sendMessage: async (tabId: number, message: unknown, options?: { frameId?: number }) => {
        sent.push(options ? { tabId, message, options } : { tabId, message });
        return reply;
      },
      query: async () => activeTabs,
    },
  },
}));

const { FOCUS_TIP, forgetTab, onCommand, tipShown } = await import('../../src/background/commands');

beforeEach(() => {
  sent.length = 0;
  activeTabs = [];
  reply = { ok: true, value: { focused: true } };
  forgetTab(7);
});

describe('the tip shortcut', () => {
  it('sends "tip:focus" to the tab the command came from, to every frame when no tip was noted', async () => {
    expect(await onCommand(FOCUS_TIP, { id: 7 })).toBe(true);
    expect(sent).toEqual([{ tabId: 7, message: { xc: 'tip:focus', payload: {} } }]);
  });

  it('goes to the frame that showed the newest tip', async () => {
    tipShown({ tab: { id: 7 } as never, frameId: 0 });
    tipShown({ tab: { id: 7 } as never, frameId: 4 });
    await onCommand(FOCUS_TIP, { id: 7 });
    expect(sent).toEqual([{ tabId: 7, message: { xc: 'tip:focus', payload: {} }, options: { frameId: 4 } }]);
    forgetTab(7);
    await onCommand(FOCUS_TIP, { id: 7 });
    expect(sent[1]).toEqual({ tabId: 7, message: { xc: 'tip:focus', payload: {} } });
  });

  it('uses the active tab when the browser names none, and does nothing without a tab', async () => {
    activeTabs = [{ id: 12 }];
    await onCommand(FOCUS_TIP);
    expect(sent.map((s) => s.tabId)).toEqual([12]);
    activeTabs = [];
    expect(await onCommand(FOCUS_TIP)).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('says false when no frame had a tip or none answered, and ignores other commands', async () => {
    reply = { ok: true, value: { focused: false } };
    expect(await onCommand(FOCUS_TIP, { id: 7 })).toBe(false);
    reply = undefined;
    expect(await onCommand(FOCUS_TIP, { id: 7 })).toBe(false);
    expect(await onCommand('_execute_action', { id: 7 })).toBe(false);
    expect(sent).toHaveLength(2);
  });
});
