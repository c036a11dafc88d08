/**
 * Passwords: argon2id hashes (@node-rs/argon2, its defaults: 19 MiB, 2 passes — OWASP's minimum for
 * argon2id) with a random salt per hash, a minimum length, and a refusal of the commonest passwords
 * (common-passwords.ts) and of the login itself. A temporary password (an admin's add or reset) is
 * random and must be changed at the next sign-in.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** NIST SP 800-63B asks for at least 8; 10 keeps the commonest short ones out without a list. */
export const PASSWORD_MIN_LENGTH = 10;
/** Longer ones only cost hashing time (a cheap way to tie up the server), never security. */
export const PASSWORD_MAX_LENGTH = 256;

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** Why a new password is refused, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, login: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must have at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is one of the commonest passwords; choose another';
  if (login && lower.includes(login.toLowerCase())) return 'must not contain the login name';
  if (new Set(password).size < 4) return 'must use at least 4 different characters';
  return null;
}

/** An argon2id hash in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash): the salt is random per call. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A stored value that is no argon2 hash never matches.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a real check takes, for a login that has no account (or no password): the answer
 * then takes as long as for a wrong password, so its timing does not tell whether the account exists.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hash(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}

/** Letters and digits without look-alikes (0/O, 1/l/I): read aloud or typed from a note. */
const TEMPORARY_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password of 16 characters (about 93 bits). */
export function temporaryPassword(): string {
  return Array.from({ length: 16 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
}
