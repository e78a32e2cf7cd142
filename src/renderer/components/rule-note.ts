/** "Decided by rule <name>" and the rule's message, under an event in the live detail and in history. */
import type { FeedEvent } from '../../shared/feed.ts';
import { h } from '../dom.ts';

/** The note for an event a rule decided, or null when none did. */
export function ruleNote(event: Pick<FeedEvent, 'rule' | 'message'>): HTMLElement | null {
  if (event.rule === undefined || event.rule === '') return null;
  return h('p', { class: 'rule-note', attrs: { 'data-rule': event.rule } }, [
    h('span', { class: 'rule-note-name', t: ['rules.decidedBy', { name: event.rule }] }),
    event.message ? h('span', { class: 'rule-note-message', text: event.message }) : null,
  ]);
}
