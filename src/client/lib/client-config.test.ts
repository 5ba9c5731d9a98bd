import { describe, expect, it } from 'vitest';
import { resolveInstanceConfig } from '../../core/config.js';
import { clientConfigOf, colorOf, fallbackConfig, hotkeysOf } from './client-config.js';

const roster = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ name: `User${index}`, key: String.fromCharCode(97 + index + 4) }));

describe('clientConfigOf', () => {
  it('falls back to the built-in roster when the body has no usable users', () => {
    expect(clientConfigOf(null)).toEqual({ config: fallbackConfig(), problems: [] });
    expect(clientConfigOf({ title: 'x', users: 'Jack' }).config.users).toEqual(fallbackConfig().users);
    expect(clientConfigOf({ title: 'x', users: [{ name: 'Jack' }] }).problems).not.toEqual([]);
  });

  it('keeps title and roster and reads rules over the defaults, as the server does', () => {
    const body = {
      title: 'Room 4',
      users: [{ name: 'Ann', key: 'A', colorIndex: 3 }],
      maxDuration: 4,
      secondaryTimeZone: 'Australia/Adelaide',
      secondaryTimeZoneLabel: 'SA',
    };
    const { config: sut } = clientConfigOf(body);
    const server = resolveInstanceConfig(body, 'any-slug', '2026-01-01T00:00:00.000Z');
    expect(sut.title).toBe('Room 4');
    expect(sut.users).toEqual([{ name: 'Ann', key: 'a', colorIndex: 3 }]);
    expect(sut.users).toEqual(server.config.users);
    expect(sut.rules).toEqual(server.rules);
    expect(sut.rules).toMatchObject({ maxDuration: 4, openHour: 6, closeHour: 22, secondaryTimeZoneLabel: 'SA' });
  });

  it('ignores an unknown time zone instead of crashing', () => {
    const { config: sut } = clientConfigOf({ users: [{ name: 'Ann', key: 'a' }], timeZone: 'Mars/Olympus' });
    expect(sut.rules.timeZone).toBe('Australia/Brisbane');
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
