/** Numbers, times and durations in the active UI language (Intl does the locale work). */
import { currentLanguage, t } from './i18n/index.ts';

/**
 * `toLocaleTimeString` builds a new formatter on every call, which the profile of a busy live list
 * showed on top; one formatter per language, and the last second's text, make a row's time nearly free.
 */
const timeFormats = new Map<string, Intl.DateTimeFormat>();
let lastTime = { language: '', second: Number.NaN, text: '' };

/** A clock time with seconds, e.g. 14:03:07. */
export function formatTime(epochMs: number): string {
  const language = currentLanguage();
  const second = Math.floor(epochMs / 1000);
  if (lastTime.second === second && lastTime.language === language) return lastTime.text;
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hour12: false,
    });
    timeFormats.set(language, format);
  }
  const text = format.format(epochMs);
  lastTime = { language, second, text };
  return text;
}

/** Date and time, short, e.g. 2025-03-01 14:03. */
export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(currentLanguage(), {
    dateStyle: 'short',
    timeStyle: 'medium',
    hour12: false,
  });
}

/** How long ago, e.g. "12 s ago", "3 min ago"; `now` is passed in so a list shares one instant. */
export function formatAgo(epochMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - epochMs) / 1000));
  if (seconds < 5) return t('time.justNow');
  if (seconds < 60) return t('time.secondsAgo', { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('time.minutesAgo', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time.hoursAgo', { n: hours });
  return formatDateTime(epochMs);
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** A whole count with grouping, e.g. 12,345 (the live list's counter changes every frame: cached formatter). */
export function formatCount(count: number): string {
  const language = currentLanguage();
  let format = countFormats.get(language);
  if (!format) countFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format.format(count);
}

const valueFormats = new Map<string, Intl.NumberFormat>();

/** A measured value with up to `digits` fraction digits (rates need 4); one formatter per language and digits. */
export function formatValue(value: number, digits = 4): string {
  const language = currentLanguage();
  const key = `${language} ${digits}`;
  let format = valueFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: digits, useGrouping: false });
    valueFormats.set(key, format);
  }
  return format.format(value);
}

/** A signed change, e.g. +0.0123 or −0.0040. */
export function formatChange(value: number, digits = 4): string {
  const text = Math.abs(value).toLocaleString(currentLanguage(), {
    minimumFractionDigits: Math.min(digits, 2),
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** A percentage with sign, e.g. +0.12 %. */
export function formatPercent(fraction: number): string {
  return fraction.toLocaleString(currentLanguage(), {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 2,
  });
}
