import { describe, expect, it } from 'vitest';
import { placeOfRevision, revisionOfEtag } from './revision.js';

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

describe('revisionOfEtag', () => {
  it('unquotes strong and weak tags', () => {
    expect(revisionOfEtag('"k3x9-42"')).toBe('k3x9-42');
    expect(revisionOfEtag('W/"k3x9-42"')).toBe('k3x9-42');
    expect(revisionOfEtag(null)).toBeNull();
  });
});
