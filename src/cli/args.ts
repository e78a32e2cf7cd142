import { z } from 'zod';
import {
  FeedConfigSchema,
  FeedHeaderSchema,
  FeedResumeSchema,
  PRESET_NAMES,
  type FeedHeader,
  type PresetName,
} from '../shared/feed.ts';
import { presetFields, presetProblem, presetStreamUrl, type PresetFields } from '../shared/presets.ts';
import { displayUrl } from '../shared/url-credentials.ts';
import { UsageError } from './usage.ts';

/** Parses repeated `--header "Name: value"` options with the same rules the settings window applies. */
export function parseHeaders(values: readonly string[]): FeedHeader[] {
  return values.map((raw) => {
    const colon = raw.indexOf(':');
    // Error messages name the header, never quote its value: it may be a token.
    if (colon <= 0) throw new UsageError('--header: expected "Name: value"');
    const name = raw.slice(0, colon).trim();
    const parsed = FeedHeaderSchema.safeParse({ name, value: raw.slice(colon + 1).trim() });
    if (!parsed.success)
      throw new UsageError(`--header "${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  });
}

/** Validates a feed URL exactly as a feed's settings do. */
export function parseUrl(raw: string | undefined): string {
  if (raw === undefined) throw new UsageError('missing <url>');
  const parsed = FeedConfigSchema.shape.url.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`"${displayUrl(raw)}": ${parsed.error.issues[0]?.message ?? 'invalid URL'}`);
  return parsed.data;
}

/** A whole number in a range, named after its option for the error message. */
export function parseInteger(
  option: string,
  raw: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const parsed = z.coerce
    .number()
    .int()
    .min(min)
    .max(max)
    .safeParse(raw.trim() === '' ? NaN : raw);
  if (!parsed.success)
    throw new UsageError(`${option} ${raw}: expected a whole number from ${min} to ${max}`);
  return parsed.data;
}

/** The server options of `listen` and `check`. */
export interface ServerOptions {
  preset?: string | undefined;
  'id-pointer'?: string | undefined;
  'resume-param'?: string | undefined;
  'first-since'?: string | undefined;
}

/**
 * `--preset` fills the knobs; `--id-pointer` and `--resume-param` set them for any other server (or
 * override the preset's). The address is turned into the preset's stream address (an ntfy topic URL
 * into its `/sse` form).
 */
export function parseServerKnobs(values: ServerOptions, url: string): PresetFields & { url: string } {
  const name = values.preset ?? 'generic';
  if (!(PRESET_NAMES as readonly string[]).includes(name))
    throw new UsageError(`--preset ${name}: expected one of ${PRESET_NAMES.join(', ')}`);
  const preset = name as PresetName;
  const problem = presetProblem(preset, url);
  if (problem !== null) throw new UsageError(`--preset ${preset}: ${problem}`);
  const fields = presetFields(preset, values['first-since']);
  const pointer = values['id-pointer'];
  if (pointer !== undefined) {
    const parsed = FeedConfigSchema.shape.idPointer.safeParse(pointer);
    if (!parsed.success || parsed.data === null)
      throw new UsageError(`--id-pointer ${pointer}: ${parsed.error?.issues[0]?.message ?? 'invalid'}`);
    fields.idPointer = parsed.data;
  }
  const param = values['resume-param'];
  const first = values['first-since'];
  if (param !== undefined || first !== undefined) {
    const resume = FeedResumeSchema.safeParse({
      ...fields.resume,
      ...(param === undefined ? {} : { queryParam: param }),
      ...(first === undefined ? {} : { initial: first }),
    });
    if (!resume.success)
      throw new UsageError(
        `${param !== undefined ? `--resume-param ${param}` : `--first-since ${first}`}: ${resume.error.issues[0]?.message ?? 'invalid'}`,
      );
    if (first !== undefined && resume.data.queryParam === null)
      throw new UsageError('--first-since needs a resume parameter (--resume-param, or --preset ntfy)');
    fields.resume = resume.data;
  }
  return { ...fields, url: presetStreamUrl(preset, url) };
}
