/** Reading a settings export ("Import settings"): JSON, migrated from older versions, then the schema. */
import {
  describeIssues,
  fail,
  SettingsExportSchema,
  type SettingsExport,
  type SettingsResult,
} from '../../shared/settings.ts';
import { migrateSettings } from './migrate.ts';
import { describeCause } from './secret-box.ts';

/** The export in `json`, or why it cannot be imported, in words. */
export function parseExport(json: string): SettingsResult<SettingsExport> {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(
      'invalid-import',
      `That file is not a FeedTray settings export: it is not valid JSON (${describeCause(error)}).`,
    );
  }
  // An export from an older FeedTray is brought up to date like a settings file; a newer one is refused.
  const migrated = migrateSettings(data);
  if (migrated.kind === 'newer') {
    return fail(
      'invalid-import',
      `That export was made by a newer FeedTray (settings version ${migrated.version}); update FeedTray to import it.`,
    );
  }
  if (migrated.kind === 'invalid')
    return fail('invalid-import', `That file is not a FeedTray settings export: ${migrated.detail}.`);
  const parsed = SettingsExportSchema.safeParse(migrated.data);
  if (!parsed.success) {
    return fail(
      'invalid-import',
      `That file is not a FeedTray settings export: ${describeIssues(parsed.error)}`,
    );
  }
  return { ok: true, value: parsed.data };
}
