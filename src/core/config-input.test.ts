import { describe, expect, it } from 'vitest';
import { parseConfigInput } from './config-input.js';
import { ValidationError } from './errors.js';

const NOW = '2030-01-01T00:00:00.000Z';
const input = (overrides: Record<string, unknown> = {}) => ({
  slug: 'team-a',
  title: 'Room 4',
  users: [
    { name: 'Ann', key: 'a' },
    { name: 'Ben', key: 'e', colorIndex: 3 },
  ],
  ...overrides,
});

/** The `fields` of the ValidationError `value` raises. */
function fieldsOf(value: unknown, options: { slug?: string } = {}): Record<string, string> {
  try {
    parseConfigInput(value, { ...options, createdAt: NOW });
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseConfigInput', () => {
  it('takes a valid config, stamping a missing createdAt, and hands the access code apart', () => {
    const sut = parseConfigInput(input({ accessCode: 'blue-door', openHour: 8, closeHour: 18, maxDuration: 10 }), {
      createdAt: NOW,
    });
    expect(sut.config).toEqual({ ...input(), openHour: 8, closeHour: 18, maxDuration: 10, createdAt: NOW });
    expect(sut.accessCode).toBe('blue-door');
    expect(parseConfigInput(input({ accessCode: null }), { createdAt: NOW }).accessCode).toBeNull();
    expect(parseConfigInput(input(), { createdAt: NOW }).accessCode).toBeUndefined();
  });

  it('fills the slug of the instance written to, and refuses another one', () => {
    const { slug: _slug, ...withoutSlug } = input();
    expect(parseConfigInput(withoutSlug, { slug: 'team-a', createdAt: NOW }).config.slug).toBe('team-a');
    expect(fieldsOf(input(), { slug: 'team-b' })).toEqual({ slug: 'slug must be "team-b", the instance written to' });
  });

  it('names each bad field with a clear message', () => {
    const sut = fieldsOf(
      input({
        slug: 'Team_A',
        title: '',
        users: [
          { name: 'Ann', key: 'm' },
          { name: 'Ann', key: 't' },
          { name: 'Cat', key: 'd' },
          { name: 'Dan', key: '1' },
          { name: 'Eve', key: 'a', colorIndex: 6 },
          { name: 'Fay', key: 'a' },
        ],
        timeZone: 'Mars/Olympus',
        secondaryTimeZone: 'Europe/Berlin',
        openHour: 9,
        closeHour: 12,
        maxDuration: 4,
        accessCode: 'abc',
        color: 'red',
      }),
    );
    expect(sut).toEqual({
      slug: 'slug must be 1-64 characters from a-z, 0-9 and -',
      title: 'title must not be empty',
      'users.0.key': 'key "m" is reserved for Move',
      'users.1.key': 'key "t" is reserved for the time-zone toggle',
      'users.2.key': 'key "d" is reserved for Delete',
      'users.3.key': 'key must be one lowercase letter a-z',
      'users.4.colorIndex': 'colorIndex must be a whole number 0-5',
      'users.1.name': 'duplicate name "Ann"',
      'users.5.key': 'duplicate hotkey "a"',
      maxDuration: 'maxDuration (4) must be at most closeHour - openHour (3)',
      timeZone: 'not an IANA time zone this platform knows, e.g. Europe/Berlin',
      accessCode: 'accessCode must be text of 4-200 characters, or null to remove it',
      color: expect.stringMatching(/^unknown field \(a config has slug, title, users, createdAt, openHour/),
    });
  });

  it('checks names, hotkeys and hours across the whole config', () => {
    expect(
      fieldsOf(
        input({
          users: [
            { name: 'Ann', key: 'a' },
            { name: 'Ann', key: 'a' },
          ],
        }),
      ),
    ).toEqual({ 'users.1.name': 'duplicate name "Ann"', 'users.1.key': 'duplicate hotkey "a"' });
    expect(fieldsOf(input({ openHour: 12, closeHour: 12 }))).toEqual({ closeHour: 'closeHour must be after openHour' });
    expect(fieldsOf(input({ openHour: 9, closeHour: 12, maxDuration: 4 }))).toEqual({
      maxDuration: 'maxDuration (4) must be at most closeHour - openHour (3)',
    });
    expect(fieldsOf(input({ closeHour: 25, maxDuration: 0 }))).toEqual({
      closeHour: 'must be a whole number 1-24',
      maxDuration: 'must be a whole number 1-24',
    });
  });

  it('bounds the roster to 1-20 people, and 20 always fit beside the reserved letters', () => {
    expect(fieldsOf(input({ users: [] }))).toEqual({ users: 'at least one user' });
    const letters = 'abcefghijklnopqrsuvw'.split('');
    const twenty = letters.map((key, index) => ({ name: `Person ${index}`, key }));
    expect(parseConfigInput(input({ users: twenty }), { createdAt: NOW }).config.users).toHaveLength(20);
    const more = [...twenty, { name: 'One more', key: 'x' }];
    expect(fieldsOf(input({ users: more }))).toEqual({ users: 'at most 20 users' });
  });

  it('refuses what is not a config object', () => {
    expect(fieldsOf([input()])).toEqual({ '(root)': 'a config must be one JSON object' });
    expect(fieldsOf('{"slug":"team-a"}')).toEqual({ '(root)': 'a config must be one JSON object' });
  });
});
