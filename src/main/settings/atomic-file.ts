import { randomBytes } from 'node:crypto';
import { access, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `data` to `filePath` so that a crash leaves either the old file or the new one, never a torn
 * mix: write a sibling temp file, fsync it, then rename it over the target (rename is atomic within a
 * directory on every OS FeedTray supports).
 */
export async function writeFileAtomic(filePath: string, data: string): Promise<void> {
  const tempPath = `${filePath}.tmp-${randomBytes(8).toString('hex')}`;
  try {
    // 0o600: the file holds ciphertexts and feed URLs, which are nobody else's business.
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      // Without fsync the rename may reach the disk before the data, and a power cut leaves an empty file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

/**
 * Deletes `<baseName>.tmp-*` files in `dir`: what a crash mid-write leaves. Their rename never happened,
 * so the real file is the last complete one. Call before this process writes anything there.
 */
export async function removeLeftoverTempFiles(dir: string, baseName: string): Promise<string[]> {
  const prefix = `${baseName}.tmp-`;
  const leftovers = (await readdir(dir)).filter((name) => name.startsWith(prefix));
  await Promise.all(leftovers.map((name) => rm(path.join(dir, name), { force: true })));
  return leftovers;
}

/**
 * Renames `filePath` (`settings.json`) to `settings.<label>-<ISO time>.json` beside it and returns the
 * new path. Colons become dashes because Windows forbids them in file names; a numeric suffix avoids
 * replacing an earlier kept file from the same millisecond.
 */
export async function moveAside(filePath: string, label: string, nowMs: number): Promise<string> {
  const { dir, name, ext } = path.parse(filePath);
  const stamp = new Date(nowMs).toISOString().replaceAll(':', '-');
  for (let attempt = 1; ; attempt++) {
    const suffix = attempt === 1 ? '' : `-${attempt}`;
    const target = path.join(dir, `${name}.${label}-${stamp}${suffix}${ext}`);
    if (await exists(target)) continue;
    await rename(filePath, target);
    return target;
  }
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    // Any failure to see the file means the name is free to try; rename reports real trouble.
    return false;
  }
}
