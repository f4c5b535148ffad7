import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the generated secret is kept when JWT_SECRET is not set (relative to the start folder). */
export const DEFAULT_JWT_SECRET_FILE = 'var/jwt-secret';

/**
 * The secret of a deployment that sets no JWT_SECRET: drawn at random (256 bits) by the first
 * process that starts, kept in a file only its owner may read (mode 0600, folder 0700), and
 * read by every later process (api, worker, cli), so they all agree. Processes starting together
 * race safely: the file appears whole or not at all (written aside, then hard-linked into place,
 * which fails for all but one). A file anyone else may read is refused rather than used.
 */
export function keptJwtSecret(file: string = DEFAULT_JWT_SECRET_FILE): string {
  const existing = readSecret(file);
  if (existing) return existing;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const draft = join(dirname(file), `.jwt-secret-${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(draft, 0o600);
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const kept = readSecret(file);
  if (!kept) throw new Error(`${file} holds no secret; delete it to have a new one drawn`);
  return kept;
}

function readSecret(file: string): string | undefined {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `${file} may be read by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it`,
    );
  }
  const secret = readFileSync(file, 'utf8').trim();
  return secret.length >= 32 ? secret : undefined;
}
