/**
 * Puts events straight into the history database of a user-data folder before the core opens it, for
 * the window tests: any time in the past, with a severity and a decision, as the pipeline would have
 * stored them. Bounded by the caller's list.
 */
import { HistoryStore } from '../../src/main/pipeline/history.ts';
import { isSeverity } from '../../src/shared/presentation/severity.ts';
import { NOTIFY_DECISIONS, type FeedEvent, type NotifyDecisionCode } from '../../src/shared/feed.ts';

/** One stored event; what is left out takes a plain default. */
export interface SeedEvent {
  feedId: string;
  id: string;
  title: string;
  body?: string;
  type?: string;
  value?: number | null;
  receivedAt: number;
  severity?: number | null;
  decision?: string | null;
  /** The rule that decided it, and that rule's message. */
  rule?: string;
  message?: string;
}

/** Writes the events (any order) into `userDataDir`'s history.db; the core started next reads them. */
export async function seedHistory(userDataDir: string, events: readonly SeedEvent[]): Promise<void> {
  const problems: string[] = [];
  const history = new HistoryStore({
    dir: userDataDir,
    onProblem: (problem) => void problems.push(problem.message),
  });
  await history.load();
  for (const seed of events) {
    const event: FeedEvent = {
      feedId: seed.feedId,
      type: seed.type ?? 'message',
      id: seed.id,
      data: JSON.stringify({ title: seed.title, body: seed.body ?? '', value: seed.value ?? null }),
      receivedAt: seed.receivedAt,
      key: `${seed.feedId}:${seed.id}`,
      title: seed.title,
      body: seed.body ?? '',
      link: null,
      value: seed.value ?? null,
      severity: isSeverity(seed.severity) ? seed.severity : 3,
      decision: NOTIFY_DECISIONS.includes(seed.decision as NotifyDecisionCode)
        ? (seed.decision as NotifyDecisionCode)
        : null,
      ...(seed.rule === undefined ? {} : { rule: seed.rule }),
      ...(seed.message === undefined ? {} : { message: seed.message }),
    };
    history.append(event, { severity: seed.severity ?? null, decision: seed.decision ?? null });
  }
  history.commitNow();
  await history.close();
  if (problems.length > 0) throw new Error(`seeding history failed: ${problems.join('; ')}`);
}

/** A disabled feed (it never connects), so only the seeded events are in its history. */
export function quietFeed(id: string, name: string, valuePointer?: string) {
  return {
    id,
    name,
    url: `http://127.0.0.1:9/${id}`,
    enabled: false,
    mapping: valuePointer ? { title: '/title', value: valuePointer } : { title: '/title', body: '/body' },
  };
}
