import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { SettingsFileSchema, type SettingsFile } from '../../../src/shared/settings.ts';

/** A fresh real directory per test, removed afterwards; `dir()` gives its path. */
export function useTempDir(): { dir: () => string } {
  let current = '';
  beforeEach(async () => {
    current = await mkdtemp(path.join(tmpdir(), 'feedtray-settings-'));
  });
  afterEach(async () => {
    await rm(current, { recursive: true, force: true });
  });
  return { dir: () => current };
}

/** The names of the files in `dir`, sorted. */
export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** settings.json as text. */
export function readSettingsText(dir: string): Promise<string> {
  return readFile(path.join(dir, 'settings.json'), 'utf8');
}

/** Writes settings.json with arbitrary content, as a damaged disk or another version would. */
export function writeSettingsText(dir: string, text: string): Promise<void> {
  return writeFile(path.join(dir, 'settings.json'), text);
}

/** settings.json parsed and checked against the file schema. */
export async function readSettingsFile(dir: string): Promise<SettingsFile> {
  return SettingsFileSchema.parse(JSON.parse(await readSettingsText(dir)));
}
