import { describe, expect, it } from 'vitest';
import { hashAccessCode, verifyAccessCode } from './access-code.js';

describe('access code hashing', () => {
  it('verifies the code a hash was made from, and no other', async () => {
    const sut = await hashAccessCode('blue-door');
    expect(sut).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(sut).not.toContain('blue-door');
    await expect(verifyAccessCode('blue-door', sut)).resolves.toBe(true);
    await expect(verifyAccessCode('blue-doors', sut)).resolves.toBe(false);
    await expect(verifyAccessCode('', sut)).resolves.toBe(false);
  });

  it('salts every hash, so setting the same code again gives a new hash', async () => {
    expect(await hashAccessCode('same')).not.toBe(await hashAccessCode('same'));
  });

  it('answers false for a hash it did not make, without throwing', async () => {
    for (const damaged of [
      '',
      'plain',
      'scrypt$16384$8$1$$',
      'scrypt$1048576$8$1$c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5',
      'md5$x',
    ]) {
      await expect(verifyAccessCode('x', damaged)).resolves.toBe(false);
    }
  });
});
