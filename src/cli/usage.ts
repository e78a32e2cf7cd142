/** The CLI's help text and its usage error. */

export const USAGE = `feedtray — Server-Sent Events feeds from the command line, with FeedTray's engine

Usage:
  feedtray listen <url> [options]   print events as they arrive; reconnects forever
  feedtray check <url> [options]    explain what is wrong, if anything, and whether the server resumes
  feedtray demo [--port P]          serve the built-in demo feeds on 127.0.0.1
  feedtray history [options]        search the app's event history (read-only; safe while it runs)

listen options:
  --event TYPE            event type to deliver (repeatable; * for all; default: message)
  --header "Name: value"  request header (repeatable)
  --last-event-id ID      resume after this id (by the feed's resume method: header and/or parameter)
  --preset NAME           the server: ntfy, mercure or generic (default); ntfy takes a topic URL
  --id-pointer /id        the event id is at this JSON pointer in the data when the stream sends none
  --resume-param since    the server resumes from the URL parameter since=<last id>
  --first-since 12h       that parameter's value before any id is known (ntfy default: 12h)
  --stall-timeout S       reconnect after S seconds without a byte (default 90)
  --max-events N          exit 0 after N events
  --json                  one JSON object per line on stdout: events (id: the resolved id) and status changes

check options:
  --header "Name: value"  request header (repeatable)
  --listen S              how long to listen for events (default 5)
  --preset, --id-pointer, --resume-param, --first-since   the server's knobs, as for listen
                          (without them check recognises ntfy and Mercure and names the preset)
  --json                  print the diagnosis as one JSON object

history options:
  --search Q              full-text search (FTS5 syntax: "a phrase", usd OR cny, usd*; else plain words)
  --feed NAME|ID          only this feed (repeatable)
  --since 2h              only events from the last 90s, 15m, 2h, 7d, 1w, or since a date (2024-06-01)
  --limit N               newest N matches (default 20, at most 1000)
  --json                  one JSON object per line
  --db PATH               another history.db (default: the app's user-data folder)

Exit codes: 0 ok, 1 check found problems (history: no readable database), 2 bad command line.
`;

/** A command-line mistake: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
