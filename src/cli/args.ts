import { z } from 'zod';
import { FeedConfigSchema, FeedHeaderSchema, type FeedHeader } from '../shared/feed.ts';
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
