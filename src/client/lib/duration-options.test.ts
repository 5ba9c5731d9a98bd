import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../core/rules.js';
import { changeOptions, createOptions } from './duration-options.js';

const enabledHours = (options: { hours: number; enabled: boolean }[]) =>
  options.filter((option) => option.enabled).map((option) => option.hours);

describe('createOptions', () => {
  it('offers 1 to the maximum, all disabled until a person is chosen', () => {
    const sut = createOptions({}, 10, DEFAULT_RULES, false, false);
    expect(sut.map((option) => option.label)).toEqual([
      '1 hour',
      '2 hours',
      '3 hours',
      '4 hours',
      '5 hours',
      '6 hours',
      '7 hours',
      '8 hours',
    ]);
    expect(enabledHours(sut)).toEqual([]);
  });

  it('stops at the next booking and at closing time', () => {
    expect(
      enabledHours(createOptions({ '11:00': { user: 'Jack', duration: 2 } }, 10, DEFAULT_RULES, true, false)),
    ).toEqual([1]);
    expect(enabledHours(createOptions({}, 20, DEFAULT_RULES, true, false))).toEqual([1, 2]);
    expect(enabledHours(createOptions({}, 21, DEFAULT_RULES, true, false))).toEqual([1]);
  });
});

describe('changeOptions', () => {
  it('always allows shrinking and never lets a booking block itself', () => {
    const day = { '10:00': { user: 'Jack', duration: 2 }, '12:00': { user: 'Rue', duration: 1 } };
    expect(enabledHours(changeOptions(day, 10, DEFAULT_RULES))).toEqual([1, 2]);
  });

  it('respects the instance maximum', () => {
    expect(
      changeOptions({ '06:00': { user: 'Jack', duration: 1 } }, 6, { ...DEFAULT_RULES, maxDuration: 3 }),
    ).toHaveLength(3);
  });
});
