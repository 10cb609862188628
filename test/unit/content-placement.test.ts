import { describe, expect, it } from 'vitest';
import { dockStack, placeTip } from '../../src/content/tips/host';

describe('placeTip keeps the buttons of the error’s dialog free', () => {
  const viewport = { width: 1280, height: 800 };
  // an error in a dialog, with the dialog's OK and Cancel just below it
  const error = { top: 200, bottom: 220, left: 420, width: 400, height: 20 };
  const buttons = [
    { top: 240, bottom: 270, left: 700, right: 760 },
    { top: 240, bottom: 270, left: 770, right: 830 },
  ];

  it('goes below the error when nothing is in the way', () => {
    expect(placeTip(error, viewport, [], 200)?.top).toBe(226);
  });

  it('takes the other side when below would cover a button', () => {
    const at = placeTip(error, viewport, buttons, 150);
    expect(at?.top).toBeUndefined();
    expect(at?.bottom).toBe(800 - 200 + 6);
  });

  it('docks when neither side is clear', () => {
    const tall = [...buttons, { top: 20, bottom: 190, left: 400, right: 900 }];
    expect(placeTip(error, viewport, tall, 150)).toBeNull();
  });

  it('a button beside the tip’s column does not count', () => {
    expect(placeTip(error, viewport, [{ top: 240, bottom: 270, left: 1000, right: 1100 }], 150)?.top).toBe(226);
  });
});

describe('placeTip', () => {
  const viewport = { width: 1280, height: 800 };
  const rect = (top: number, height = 40, left = 100) => ({ top, bottom: top + height, left, width: 300, height });

  it('goes below the error when there is room, no taller than the room', () => {
    expect(placeTip(rect(60), viewport)).toEqual({ top: 106, left: 100, maxHeight: 520 });
    expect(placeTip(rect(400), viewport)).toEqual({ top: 446, left: 100, maxHeight: 346 });
  });

  it('goes above when the room is there, and docks when it is nowhere', () => {
    expect(placeTip(rect(700), viewport)).toEqual({ bottom: 106, left: 100, maxHeight: 520 });
    expect(placeTip(rect(60, 40), { width: 1280, height: 220 })).toBeNull();
  });

  it('docks for an error off-screen or with no box, and keeps the tip inside the viewport', () => {
    expect(placeTip(rect(-200), viewport)).toBeNull();
    expect(placeTip(rect(900), viewport)).toBeNull();
    expect(placeTip({ top: 0, bottom: 0, left: 0, width: 0, height: 0 }, viewport)).toBeNull();
    expect(placeTip(rect(60, 40, 1200), viewport)?.left).toBe(1280 - 380 - 8);
  });
});

describe('dockStack keeps the controls on screen free', () => {
  const viewport = { width: 1280, height: 800 };
  // a toast's close button in the bottom right corner, where the stack docks by default
  const toastClose = { top: 740, bottom: 770, left: 1100, right: 1130 };

  it('docks in the preferred corner when nothing is in the way', () => {
    expect(dockStack(viewport, [200], [], false)).toEqual({ left: false, bottom: 16 });
    expect(dockStack(viewport, [200], [], true)).toEqual({ left: true, bottom: 16 });
  });

  it('takes the other corner when its own would cover a control', () => {
    expect(dockStack(viewport, [200], [toastClose], false)).toEqual({ left: true, bottom: 16 });
  });

  it('rises above the controls when both corners are taken', () => {
    const bar = { top: 700, bottom: 790, left: 0, right: 1280 };
    expect(dockStack(viewport, [200, 150], [bar], false)).toEqual({ left: false, bottom: 800 - 700 + 6 });
  });

  it('never rises off the screen', () => {
    const wall = { top: 100, bottom: 790, left: 0, right: 1280 };
    expect(dockStack(viewport, [300], [wall], false).bottom).toBe(800 - 300 - 16);
  });
});
