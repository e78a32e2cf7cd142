import { expect } from 'vitest';

// Vitest types its asymmetric matchers as `any`; typing them `unknown` keeps the lint's any-checks useful.

/** Matches any string. */
export const anyString = expect.any(String) as unknown;

/** Matches a string containing `text`. */
export function containing(text: string): unknown {
  return expect.stringContaining(text) as unknown;
}
