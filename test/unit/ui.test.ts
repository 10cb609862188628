import { describe, expect, it } from 'vitest';
import { resolveTheme } from '../../src/ui/theme';
import { timeAgo } from '../../src/ui/time';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

describe('timeAgo', () => {
  it.each([
    [0, 'just now'],
    [30 * 1000, 'just now'],
    [-5000, 'just now'],
    [60 * 1000, '1 min ago'],
    [2 * 60 * 1000, '2 min ago'],
    [59 * 60 * 1000, '59 min ago'],
    [3 * 3600 * 1000, '3 h ago'],
    [30 * 3600 * 1000, 'yesterday'],
    [4 * 86400 * 1000, '4 days ago'],
    [40 * 86400 * 1000, '6 May 2025'],
  ])('%i ms ago → %s', (ago, text) => {
    expect(timeAgo(NOW - ago, NOW)).toBe(text);
  });
});

describe('theme', () => {
  it('follows the browser only when set to auto', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
