import { describe, expect, it } from 'vitest';
import { parseRevision, placeOfRevision } from './revision.js';

describe('placeOfRevision', () => {
  it('orders revisions of one epoch', () => {
    expect(placeOfRevision('k-4', 'k-3')).toBe('next');
    expect(placeOfRevision('k-3', 'k-3')).toBe('seen');
    expect(placeOfRevision('k-2', 'k-3')).toBe('seen');
    expect(placeOfRevision('k-6', 'k-3')).toBe('gap');
  });

  it('calls another epoch, an unreadable revision or none held a gap', () => {
    expect(placeOfRevision('j-4', 'k-3')).toBe('gap');
    expect(placeOfRevision('k-4', 'v3')).toBe('gap');
    expect(placeOfRevision('k-4', null)).toBe('gap');
  });
});

describe('parseRevision', () => {
  it('splits an epoch and its counter, and reads nothing else', () => {
    expect(parseRevision('k3x9-42')).toEqual({ epoch: 'k3x9', counter: 42 });
    expect(parseRevision('empty')).toBeUndefined();
  });
});
