import { describe, expect, it } from 'vitest';
import { nextFocus } from './row-focus.js';

describe('nextFocus', () => {
  const candidates = [6, 7, 13, 17, 21];

  it('skips to the next free row and wraps at either end', () => {
    expect(nextFocus(candidates, 13, 1)).toBe(17);
    expect(nextFocus(candidates, 21, 1)).toBe(6);
    expect(nextFocus(candidates, 6, -1)).toBe(21);
  });

  it('starts at the first row on ↓ and the last on ↑ when nothing is focused', () => {
    expect(nextFocus(candidates, null, 1)).toBe(6);
    expect(nextFocus(candidates, null, -1)).toBe(21);
  });

  it('has nothing to focus on a day without free rows', () => {
    expect(nextFocus([], null, 1)).toBeNull();
  });
});
