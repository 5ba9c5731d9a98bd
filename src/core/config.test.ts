import { describe, expect, it } from 'vitest';
import { describeConfigProblems, instanceConfigSchema, resolveInstanceConfig } from './config.js';
import { DEFAULT_RULES, defaultConfig } from './rules.js';

const CREATED = '2026-01-01T00:00:00.000Z';
const validConfig = (overrides: Record<string, unknown> = {}) => ({
  slug: 'team-a',
  title: 'Room 4',
  users: [
    { name: 'Ann', key: 'a' },
    { name: 'Ben', key: 'e', colorIndex: 3 },
  ],
  createdAt: CREATED,
  ...overrides,
});

describe('instanceConfigSchema', () => {
  it('accepts the default configuration of §3.2', () => {
    expect(instanceConfigSchema.safeParse(defaultConfig('cps-software', CREATED)).success).toBe(true);
  });

  it('names every problem with its path', () => {
    const sut = instanceConfigSchema.safeParse(
      validConfig({
        users: [
          { name: 'Ann', key: 'd' },
          { name: 'Ann', key: 'b' },
          { name: 'Cat', key: 'b' },
        ],
        openHour: 12,
        closeHour: 10,
      }),
    );
    expect(sut.success).toBe(false);
    if (sut.success) return;
    expect(describeConfigProblems(sut.error)).toEqual([
      'users.0.key: key "d" is reserved for Delete',
      'users.1.name: duplicate name "Ann"',
      'users.2.key: duplicate hotkey "b"',
      'closeHour: closeHour must be after openHour',
    ]);
  });
});

describe('resolveInstanceConfig', () => {
  it('serves the default of §3.2 for the instance when nothing is stored', () => {
    const sut = resolveInstanceConfig(null, 'team-a', CREATED);
    expect(sut.config).toEqual(defaultConfig('team-a', CREATED));
    expect(sut.raw).toEqual(sut.config);
    expect(sut.rules).toEqual(DEFAULT_RULES);
    expect(sut.problems).toEqual([]);
  });

  it('takes a valid config as it is, with its rules over the defaults', () => {
    const stored = validConfig({ maxDuration: 4, secondaryTimeZone: 'Australia/Adelaide' });
    const sut = resolveInstanceConfig(stored, 'team-a', CREATED);
    expect(sut.raw).toBe(stored);
    expect(sut.config.users.map((user) => user.name)).toEqual(['Ann', 'Ben']);
    expect(sut.rules).toMatchObject({ maxDuration: 4, openHour: 6, secondaryTimeZone: 'Australia/Adelaide' });
    expect(sut.problems).toEqual([]);
  });

  it('keeps the well-formed parts of an invalid config and reports what is wrong', () => {
    const stored = {
      title: '  Studio  ',
      users: [
        { name: 'Ann', key: 'A', colorIndex: 3 },
        { name: 'Mallory<', key: 'm' },
        'Bob',
        { name: 'Cat', key: 'c' },
      ],
      maxDuration: 4,
      timeZone: 'Mars/Olympus',
      openHour: 9,
    };
    const sut = resolveInstanceConfig(stored, 'team-a', CREATED);
    expect(sut.raw).toBe(stored);
    expect(sut.config.title).toBe('Studio');
    expect(sut.config.users).toEqual([
      { name: 'Ann', key: 'a', colorIndex: 3 },
      { name: 'Cat', key: 'c' },
    ]);
    expect(sut.rules).toMatchObject({ maxDuration: 4, openHour: 9, closeHour: 22, timeZone: DEFAULT_RULES.timeZone });
    expect(sut.problems).toContain('users.0.key: key must be one lowercase letter a-z');
  });

  it('falls back to the default roster and hours when none of them is usable', () => {
    const sut = resolveInstanceConfig({ users: 'Jack', openHour: 20, closeHour: 8 }, 'team-a', CREATED);
    expect(sut.config.users).toEqual(defaultConfig('team-a', CREATED).users);
    expect(sut.config.title).toBe('CPS Software Booking');
    expect(sut.rules).toMatchObject({ openHour: DEFAULT_RULES.openHour, closeHour: DEFAULT_RULES.closeHour });
  });

  it('keeps a hand-stored person on m or t, which the original allowed, and reports the clash', () => {
    const stored = validConfig({
      users: [
        { name: 'Mia', key: 'm' },
        { name: 'Tom', key: 't' },
      ],
    });
    const sut = resolveInstanceConfig(stored, 'team-a', CREATED);
    expect(sut.config.users.map((user) => user.key)).toEqual(['m', 't']);
    expect(sut.problems).toEqual([
      'users.0.key: key "m" is reserved for Move',
      'users.1.key: key "t" is reserved for the time-zone toggle',
    ]);
  });

  it('hands the access code hash apart and never serves it in raw', () => {
    const stored = { ...validConfig(), accessCodeHash: 'scrypt$16384$8$1$c2FsdA$a2V5' };
    const sut = resolveInstanceConfig(stored, 'team-a', CREATED);
    expect(sut.accessCodeHash).toBe('scrypt$16384$8$1$c2FsdA$a2V5');
    expect(sut.raw).toEqual(validConfig());
    expect(sut.problems).toEqual([]);
    expect(resolveInstanceConfig(validConfig(), 'team-a', CREATED).accessCodeHash).toBeNull();
  });

  it('treats a stored value that is not an object like a config with nothing usable', () => {
    const sut = resolveInstanceConfig('{"title": "Lab",}', 'team-a', CREATED);
    expect(sut.config.users).toEqual(defaultConfig('team-a', CREATED).users);
    expect(sut.problems.length).toBeGreaterThan(0);
  });
});
