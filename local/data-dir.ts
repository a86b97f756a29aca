import fs from 'node:fs';
import path from 'node:path';

/** Only the user who runs the platform may read its data: forms, ID numbers, materials, secrets. */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/**
 * Makes the data folder private before anything writes to it: the folder 0700, and every file
 * created from now on by this process (sqlite, LevelDB, s3rver, the dev clock) 0600 through the
 * process umask, libraries included. A folder left by an earlier version gets its existing
 * folders and files tightened the same way.
 */
export function prepareDataDir(dir: string): void {
  restrictUmask();
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  tighten(dir);
}

function restrictUmask(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads may not change the umask; tightening at start is then all that is done.
  }
}

/** chmod 0700 / 0600 over the tree; symbolic links are neither followed nor changed. */
function tighten(dir: string): void {
  fs.chmodSync(dir, DIR_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) tighten(full);
    else if (entry.isFile() && (fs.statSync(full).mode & 0o777) !== FILE_MODE) fs.chmodSync(full, FILE_MODE);
  }
}
