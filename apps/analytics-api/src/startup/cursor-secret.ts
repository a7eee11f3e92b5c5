import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret that signs page cursors: `CURSOR_SECRET` when set (required when several instances
 * serve one API, so a cursor from one verifies on another), else a random one kept under the
 * data directory so that cursors survive a restart.
 */
export function loadCursorSecret(configured: string | undefined, dataDir: string): Buffer {
  if (configured) {
    return Buffer.from(configured, 'utf8');
  }

  const file = join(dataDir, 'cursor-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
