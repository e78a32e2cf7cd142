/** The CLI's help text and its usage error. */

export const USAGE = `feedtray — Server-Sent Events feeds from the command line, with FeedTray's engine

Usage:
  feedtray listen <url> [options]   print events as they arrive; reconnects forever
  feedtray check <url> [options]    connect once and explain what is wrong, if anything
  feedtray demo [--port P]          serve the built-in demo feeds on 127.0.0.1

listen options:
  --event TYPE            event type to deliver (repeatable; * for all; default: message)
  --header "Name: value"  request header (repeatable)
  --last-event-id ID      resume after this id
  --stall-timeout S       reconnect after S seconds without a byte (default 90)
  --max-events N          exit 0 after N events
  --json                  one JSON object per line on stdout: events and status changes

check options:
  --header "Name: value"  request header (repeatable)
  --listen S              how long to listen for events (default 5)
  --json                  print the diagnosis as one JSON object

Exit codes: 0 ok, 1 check found problems, 2 bad command line.
`;

/** A command-line mistake: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
