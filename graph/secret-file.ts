/**
 * Local secrets kept in files the product makes on first use (the JWT signing secret, the embedded
 * Neo4j's password, the store's identity): random, written once with mode 0600 in a folder of mode
 * 0700, and read back on every later start. One helper, so every such file is made the same way.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export class SecretFileError extends Error {
  override name = 'SecretFileError';
}

/** Makes the folder (0700 when new) that holds local secrets and the embedded store. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * The secret in `file`, made (random, `bytes` long before base64url) when the file does not exist.
 * A file that exists but holds fewer than `minLength` characters is refused, naming `setting`: a
 * short secret is a guessable one. A file readable by others is tightened to 0600. `create: false`
 * only reads (a secret someone else chose, such as an external Neo4j's password).
 */
export function readOrCreateSecret(
  file: string,
  { setting, bytes = 48, minLength = 32, create = true }: { setting: string; bytes?: number; minLength?: number; create?: boolean },
): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !create) throw error;
    ensurePrivateDir(dirname(file));
    const secret = randomBytes(bytes).toString('base64url');
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch (raced) {
      // Another process (npm run token beside npm start) made it first: use theirs.
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      text = readFileSync(file, 'utf8');
    }
  }
  const secret = text.trim();
  if (secret.length < minLength) {
    throw new SecretFileError(
      `${setting}: ${file} holds ${secret.length} characters; it must hold at least ${minLength} (delete it to have one made)`,
    );
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return secret;
}
