/**
 * Severity levels and notification decisions in the user's words. The store records a code per event
 * ("why it did or did not notify"); the window never shows the code alone, except for one it does not know.
 */
import { NOTIFY_DECISIONS, type NotifyDecisionCode } from '../../shared/feed.ts';
import type { MessageKey } from '../i18n/en.ts';

/** The decision codes the filter offers: every one, in the order a user thinks about them. */
export const DECISION_CODES = NOTIFY_DECISIONS;
/** A decision the window has words for. */
export type DecisionCode = NotifyDecisionCode;

const DECISION_LABELS: Record<DecisionCode, MessageKey> = {
  notified: 'decision.notified',
  replaced: 'decision.replaced',
  resolved: 'decision.resolved',
  coalesced: 'decision.coalesced',
  'min-interval': 'decision.minInterval',
  'below-min-severity': 'decision.belowMinSeverity',
  snoozed: 'decision.snoozed',
  dnd: 'decision.dnd',
  keyword: 'decision.keyword',
  'rule-quiet': 'decision.ruleQuiet',
  marked: 'decision.marked',
  replayed: 'decision.replayed',
  off: 'decision.off',
};

/** The words for a decision code; an unknown code gets "Other reason: {code}" so it is never hidden. */
export function decisionLabel(code: string): MessageKey | readonly [MessageKey, { code: string }] {
  return (DECISION_CODES as readonly string[]).includes(code)
    ? DECISION_LABELS[code as DecisionCode]
    : ['decision.other', { code }];
}

/** Whether the decision let a notification through (alone or in a summary), for the row's tone. */
export function decisionNotified(code: string): boolean {
  return code === 'notified' || code === 'coalesced' || code === 'replaced';
}

/** Severity levels, 1 (min) … 5 (urgent), as the store keeps them. */
export const SEVERITY_LEVELS = [1, 2, 3, 4, 5] as const;

const SEVERITY_LABELS: readonly MessageKey[] = [
  'severity.1',
  'severity.2',
  'severity.3',
  'severity.4',
  'severity.5',
];

/** The word for a severity level; null for a value outside 1–5 (shown as no chip at all). */
export function severityLabel(level: number): MessageKey | null {
  return Number.isInteger(level) && level >= 1 && level <= 5 ? SEVERITY_LABELS[level - 1]! : null;
}
