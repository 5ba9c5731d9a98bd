import { describe, expect, it } from 'vitest';
import { colorOf, fallbackConfig, hotkeysOf, parseClientConfig } from './client-config.js';

const roster = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ name: `User${index}`, key: String.fromCharCode(97 + index + 4) }));

describe('parseClientConfig', () => {
  it('rejects bodies whose users are not a list of {name, key}', () => {
    expect(parseClientConfig(null)).toBeNull();
    expect(parseClientConfig({ title: 'x', users: 'Jack' })).toBeNull();
    expect(parseClientConfig({ title: 'x', users: [{ name: 'Jack' }] })).toBeNull();
  });

  it('keeps title and roster and reads rules over the defaults', () => {
    const sut = parseClientConfig({
      title: 'Room 4',
      users: [{ name: 'Ann', key: 'A', colorIndex: 3 }],
      maxDuration: 4,
      secondaryTimeZone: 'Australia/Adelaide',
      secondaryTimeZoneLabel: 'SA',
    });
    expect(sut?.title).toBe('Room 4');
    expect(sut?.users[0]).toEqual({ name: 'Ann', key: 'a', colorIndex: 3 });
    expect(sut?.rules).toMatchObject({ maxDuration: 4, openHour: 6, closeHour: 22, secondaryTimeZoneLabel: 'SA' });
  });

  it('ignores an unknown time zone instead of crashing', () => {
    expect(parseClientConfig({ users: [{ name: 'Ann', key: 'a' }], timeZone: 'Mars/Olympus' })?.rules.timeZone).toBe(
      'Australia/Brisbane',
    );
  });
});

describe('hotkeysOf', () => {
  it('gives hotkeys to the first six users only', () => {
    const sut = hotkeysOf({ ...fallbackConfig(), users: roster(8) });
    expect(sut.size).toBe(6);
    expect(sut.get('e')).toBe('User0');
    expect([...sut.values()]).not.toContain('User6');
  });

  it('maps the default roster as in the original (John is h, Joel is l)', () => {
    const sut = hotkeysOf(fallbackConfig());
    expect(sut.get('h')).toBe('John');
    expect(sut.get('l')).toBe('Joel');
  });
});

describe('colorOf', () => {
  it('uses colorIndex + 1, else roster position capped at 6, else 1', () => {
    const config = { ...fallbackConfig(), users: [...roster(7), { name: 'Pinned', key: 'z', colorIndex: 1 }] };
    expect(colorOf(config, 'User0')).toBe(1);
    expect(colorOf(config, 'User6')).toBe(6);
    expect(colorOf(config, 'Pinned')).toBe(2);
    expect(colorOf(config, 'Stranger')).toBe(1);
  });
});
