import { describe, expect, it } from 'vitest';
import { placeTip } from '../../src/content/tips/host';

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
