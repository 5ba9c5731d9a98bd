/**
 * An instance's optional access code (issue 10 §4), stored only as a salted scrypt hash that
 * describes itself, e.g. `scrypt$16384$8$1$<salt>$<key>` (base64url), so the cost can be raised
 * later without breaking stored hashes. A new code gets a new salt, so its hash string changes
 * even when the code is the same: sessions tied to the hash end whenever the code is set.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

const SCHEME = 'scrypt';
/** OWASP's scrypt minimum (N=2^14, r=8, p=1): ~16 MB and ~90 ms per check here, on libuv's pool. */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Above the 32 MB Node allows by default: N=2^15 needs 32 MB plus a little. */
const MAX_MEMORY = 64 * 1024 * 1024;
/** Bounds that a stored hash may name, so a damaged one cannot make a check run for minutes. */
const MAX_LOG2_N = 17;

function deriveKey(code: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code.normalize('NFC'), salt, keyBytes, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The stored form of `code`, e.g. `await hashAccessCode('blue-door')` → `scrypt$16384$8$1$…$…`. */
export async function hashAccessCode(code: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(code, salt, KEY_BYTES, COST);
  return [SCHEME, COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  options: ScryptOptions;
  salt: Buffer;
  key: Buffer;
}

function parseHash(hash: string): ParsedHash | null {
  const [scheme, n, r, p, salt, key, ...rest] = hash.split('$');
  if (scheme !== SCHEME || rest.length > 0 || !salt || !key) return null;
  const [N, blockSize, parallel] = [Number(n), Number(r), Number(p)];
  const sane =
    Number.isInteger(Math.log2(N)) &&
    Math.log2(N) >= 1 &&
    Math.log2(N) <= MAX_LOG2_N &&
    [blockSize, parallel].every((value) => Number.isInteger(value) && value >= 1 && value <= 16);
  if (!sane) return null;
  const saltBytes = Buffer.from(salt, 'base64url');
  const keyBytes = Buffer.from(key, 'base64url');
  if (saltBytes.length === 0 || keyBytes.length < 16) return null;
  return { options: { N, r: blockSize, p: parallel }, salt: saltBytes, key: keyBytes };
}

/**
 * Whether `code` is the one `hash` was made from, compared in constant time; false (never a
 * throw) for a hash that is not one `hashAccessCode` makes.
 */
export async function verifyAccessCode(code: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (!parsed) return false;
  const key = await deriveKey(code, parsed.salt, parsed.key.length, parsed.options);
  return timingSafeEqual(key, parsed.key);
}
