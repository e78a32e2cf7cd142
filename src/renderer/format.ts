/** Numbers, times and durations in the active UI language (Intl does the locale work). */
import { currentLanguage, t } from './i18n/index.ts';

/** A clock time with seconds, e.g. 14:03:07. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(currentLanguage(), { hour12: false });
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

/** A whole count with grouping, e.g. 12,345. */
export function formatCount(count: number): string {
  return count.toLocaleString(currentLanguage());
}

/** A measured value with up to `digits` fraction digits (rates need 4). */
export function formatValue(value: number, digits = 4): string {
  return value.toLocaleString(currentLanguage(), { maximumFractionDigits: digits, useGrouping: false });
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
