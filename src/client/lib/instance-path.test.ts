import { describe, expect, it } from 'vitest';
import { apiBaseOf, instanceScopedName, instanceSlugOf } from './instance-path.js';

describe('instance paths', () => {
  it('reads the slug of /i/{slug}/ pages, and none elsewhere', () => {
    expect(instanceSlugOf('/i/team-a/')).toBe('team-a');
    expect(instanceSlugOf('/i/team-a')).toBe('team-a');
    expect(instanceSlugOf('/i/team-a/week/2026-12-01')).toBe('team-a');
    expect(instanceSlugOf('/')).toBeNull();
    expect(instanceSlugOf('/i/')).toBeNull();
    expect(instanceSlugOf('/i/Team/')).toBeNull();
    expect(instanceSlugOf('/ii/team-a/')).toBeNull();
  });

  it('talks to /api/i/{slug} from an instance page and to the original /api from the root', () => {
    expect(apiBaseOf('/i/team-a/')).toBe('/api/i/team-a');
    expect(apiBaseOf('/')).toBe('/api');
  });

  it('keeps the default instance storage names as they were and scopes every other one', () => {
    expect(instanceScopedName('hourbook-offline-queue', '/')).toBe('hourbook-offline-queue');
    expect(instanceScopedName('hourbook-offline-queue', '/i/team-a/')).toBe('hourbook-offline-queue:team-a');
  });
});
