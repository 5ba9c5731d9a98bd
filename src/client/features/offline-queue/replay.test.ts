import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../core/rules.js';
import type { DateKey, TimeKey } from '../../../core/time.js';
import { alreadyApplied, outcomeOf } from './replay.js';
import { applyOps, isWriteOp } from '../../lib/write-op.js';
import type { WriteOp } from '../../lib/write-op.js';

const day = '2026-11-24' as DateKey;
const at = (hour: number) => `${String(hour).padStart(2, '0')}:00` as TimeKey;
const create = (hour: number, user = 'Jack', duration = 1, offline = false): WriteOp => ({
  id: `c${hour}`,
  kind: 'create',
  dateKey: day,
  timeKey: at(hour),
  booking: { user, duration },
  offline,
});

describe('outcomeOf', () => {
  it('applies on success, goes offline when unreachable and rejects on a 409', () => {
    const op = create(9);
    expect(outcomeOf(op, { kind: 'ok', status: 201, body: {}, etag: null })).toBe('applied');
    expect(outcomeOf(op, { kind: 'unreachable', reason: 'Failed to fetch' })).toBe('offline');
    expect(outcomeOf(op, { kind: 'rejected', status: 409, error: 'Slot already booked' })).toBe('rejected');
  });

  it('retries a rate-limited offline op later instead of reporting it', () => {
    const rateLimited = { kind: 'rejected', status: 429, error: 'Too many requests' } as const;
    expect(outcomeOf(create(9, 'Jack', 1, true), rateLimited)).toBe('retry-later');
    expect(outcomeOf(create(9), rateLimited)).toBe('rejected');
  });

  it('keeps an op refused for want of the access code, to send once signed in', () => {
    const locked = { kind: 'rejected', status: 401, error: 'Access code required' } as const;
    expect(outcomeOf(create(9, 'Jack', 1, true), locked)).toBe('retry-later');
    expect(outcomeOf(create(9), locked)).toBe('offline');
  });
});

describe('applyOps', () => {
  it('shows queued creates, updates and deletes over the last server state', () => {
    const server = { [day]: { [at(9)]: { user: 'Rue', duration: 1 } } };
    const sut = applyOps(
      server,
      [
        create(10, 'Jack', 2),
        { id: 'u', kind: 'update', dateKey: day, timeKey: at(10), updates: { user: 'Bonnie' } },
        { id: 'd', kind: 'delete', dateKey: day, timeKey: at(9) },
      ],
      DEFAULT_RULES,
    );
    expect(sut).toEqual({ [day]: { [at(10)]: { user: 'Bonnie', duration: 2 } } });
  });

  it('skips a queued create that now overlaps, leaving it for the replay to report', () => {
    const server = { [day]: { [at(9)]: { user: 'Rue', duration: 3 } } };
    expect(applyOps(server, [create(10)], DEFAULT_RULES)).toEqual(server);
  });
});

describe('isWriteOp', () => {
  it('accepts well-formed ops and rejects tampered storage', () => {
    expect(isWriteOp(create(9))).toBe(true);
    expect(isWriteOp({ ...create(9), dateKey: '2026-13-01' })).toBe(false);
    expect(isWriteOp({ id: 'u', kind: 'update', dateKey: day, timeKey: at(9), updates: {} })).toBe(false);
  });
});

describe('alreadyApplied', () => {
  const server = { [day]: { [at(10)]: { user: 'Jack', duration: 2 } } };

  it('sees a create, an update and a delete the server already shows', () => {
    expect(alreadyApplied(create(10, 'Jack', 2), server)).toBe(true);
    expect(
      alreadyApplied({ id: 'u', kind: 'update', dateKey: day, timeKey: at(10), updates: { duration: 2 } }, server),
    ).toBe(true);
    expect(alreadyApplied({ id: 'd', kind: 'delete', dateKey: day, timeKey: at(12) }, server)).toBe(true);
  });

  it('does not mistake someone else’s booking or an unapplied change for it', () => {
    expect(alreadyApplied(create(10, 'Bonnie', 2), server)).toBe(false);
    expect(alreadyApplied(create(10, 'Jack', 1), server)).toBe(false);
    expect(
      alreadyApplied({ id: 'u', kind: 'update', dateKey: day, timeKey: at(10), updates: { duration: 3 } }, server),
    ).toBe(false);
    expect(
      alreadyApplied({ id: 'u', kind: 'update', dateKey: day, timeKey: at(12), updates: { user: 'Rue' } }, server),
    ).toBe(false);
    expect(alreadyApplied({ id: 'd', kind: 'delete', dateKey: day, timeKey: at(10) }, server)).toBe(false);
  });
});

describe('alreadyApplied to a move', () => {
  it('holds once the old slot is empty and the new one holds the booking with its updates', () => {
    const sut: WriteOp = {
      id: 'm1',
      kind: 'move',
      dateKey: day,
      timeKey: at(9),
      to: { dateKey: day, timeKey: at(15) },
      updates: { user: 'Rue' },
    };
    expect(alreadyApplied(sut, { [day]: { [at(9)]: { user: 'Jack', duration: 2 } } })).toBe(false);
    expect(alreadyApplied(sut, { [day]: { [at(15)]: { user: 'Jack', duration: 2 } } })).toBe(false);
    expect(alreadyApplied(sut, { [day]: { [at(15)]: { user: 'Rue', duration: 2 } } })).toBe(true);
  });
});
