/**
 * An event's severity as a chip: its word ("High") and level, coloured by level. The word is always
 * there, so colour is never the only signal (and the chip reads the same to a screen reader).
 */
import { h } from '../dom.ts';
import { decisionLabel, decisionNotified, severityLabel } from '../history/decisions.ts';

/** A chip for severity 1 (min) … 5 (urgent); null for an event without one. */
export function severityChip(level: number | null): HTMLElement | null {
  if (level === null) return null;
  const label = severityLabel(level);
  if (label === null) return null;
  return h('span', {
    class: 'severity-chip',
    t: label,
    title: ['severity.title', { level }],
    attrs: { 'data-severity': level },
  });
}

/** Why an event did or did not notify, in words, toned by whether it did; null when not recorded. */
export function decisionChip(decision: string | null): HTMLElement | null {
  if (decision === null) return null;
  return h('span', {
    class: 'history-decision',
    t: decisionLabel(decision),
    attrs: { 'data-notified': decisionNotified(decision) },
  });
}
