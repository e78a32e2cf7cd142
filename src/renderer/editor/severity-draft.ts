/**
 * The feed editor's severity and sound settings as text the user edits, and back. Pure: tested without
 * a page. Words are one per line, `word = level`, the level a number 1–5 or its name.
 */
import { DEFAULT_SOUNDS, type FeedConfig, type SoundChoice } from '../../shared/feed.ts';
import {
  SEVERITIES,
  SEVERITY_NAMES,
  type Severity,
  type SeverityName,
} from '../../shared/presentation/severity.ts';

/** The severity part of a feed draft. */
export interface SeverityDraft {
  defaultSeverity: Severity;
  minSeverity: Severity;
  urgentBreaksThrough: boolean;
  /** `sev1 = urgent` per line. */
  words: string;
  sounds: Record<SeverityName, SoundChoice>;
}

const BY_NAME = new Map<string, Severity>(SEVERITIES.map((level) => [SEVERITY_NAMES[level], level]));

/** The draft for a saved feed (or a new one, with the schema's defaults). */
export function severityDraft(feed: Pick<FeedConfig, 'severity' | 'notify'> | null): SeverityDraft {
  return {
    defaultSeverity: feed?.severity.default ?? 3,
    minSeverity: feed?.notify.minSeverity ?? 1,
    urgentBreaksThrough: feed?.notify.urgentBreaksThrough ?? true,
    words: (feed?.severity.words ?? [])
      .map((word) => `${word.match} = ${SEVERITY_NAMES[word.severity]}`)
      .join('\n'),
    sounds: { ...DEFAULT_SOUNDS, ...feed?.notify.sounds },
  };
}

/**
 * The words as the schema takes them. A line that is not `word = level` becomes a row with level 0, which
 * the shared schema refuses: the error then points at the words field, and nothing is silently dropped.
 */
export function parseSeverityWords(text: string): { match: string; severity: number }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const at = line.lastIndexOf('=');
      if (at <= 0) return { match: line, severity: 0 };
      const level = line
        .slice(at + 1)
        .trim()
        .toLowerCase();
      const severity = /^[1-5]$/.test(level) ? Number(level) : (BY_NAME.get(level) ?? 0);
      return { match: line.slice(0, at).trim(), severity };
    });
}
