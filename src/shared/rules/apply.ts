/**
 * The rules step both main and the editor's preview run: evaluate a feed's rules on a normalized event,
 * and write the verdict onto the event (the rule's name, its message, the severity it notifies with).
 */
import type { FeedConfig, FeedEvent } from '../feed.ts';
import { capText, cleanLine } from '../presentation/text.ts';
import type { RuleEngine, RuleSubject } from './engine.ts';
import type { RuleOutcome } from './schema.ts';
import { renderTemplate, type TemplateSubject } from './template.ts';

/** The longest rule message, like a notification title. */
export const RULE_MESSAGE_MAX = 200;

/** What rules read of an event; `doc` is its parsed JSON data (undefined for text). */
export function ruleSubject(event: FeedEvent, doc: { value: unknown } | undefined): RuleSubject {
  return {
    receivedAt: event.receivedAt,
    title: event.title,
    body: event.body,
    value: event.value,
    series: event.value === null ? null : event.title,
    doc: doc?.value,
  };
}

/** What templates read of an event. */
export function templateSubject(
  event: FeedEvent,
  feedName: string,
  doc: { value: unknown } | undefined,
): TemplateSubject {
  return {
    doc: doc?.value,
    fields: {
      value: event.value,
      title: event.title,
      body: event.body,
      feed: feedName,
      type: event.type,
      id: event.id,
      severity: event.severity,
      link: event.link,
    },
  };
}

/**
 * Runs the feed's rules on `event` and records the verdict on it: `rule` (the name), `message` (the
 * template filled in) and, for a rule that notifies, its severity. Returns the deciding rule's outcome,
 * or null when no rule matched (the feed's usual policy decides).
 */
export function applyRules(
  engine: RuleEngine,
  feed: Pick<FeedConfig, 'id' | 'name' | 'rules'>,
  event: FeedEvent,
  doc: { value: unknown } | undefined,
): RuleOutcome | null {
  if (feed.rules.length === 0) return null;
  const verdict = engine.evaluate(feed.id, feed.rules, ruleSubject(event, doc));
  if (verdict === null) return null;
  const { rule } = verdict;
  event.rule = rule.name;
  if (rule.outcome.kind === 'notify') event.severity = rule.outcome.severity;
  if (rule.message !== null && rule.message.trim() !== '') {
    const { text } = renderTemplate(rule.message, templateSubject(event, feed.name, doc));
    // One plain line: a field's newlines, control or bidi characters cannot reshape the headline.
    event.message = capText(cleanLine(text), RULE_MESSAGE_MAX);
  }
  return rule.outcome;
}
