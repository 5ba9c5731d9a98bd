import { describe, expect, it } from 'vitest';
import { revisionOfEtag } from './revision.js';

describe('revisionOfEtag', () => {
  it('unquotes strong and weak tags', () => {
    expect(revisionOfEtag('"k3x9-42"')).toBe('k3x9-42');
    expect(revisionOfEtag('W/"k3x9-42"')).toBe('k3x9-42');
    expect(revisionOfEtag(null)).toBeNull();
  });
});
