// How `npm run security` decides: which findings fail, and how docs/SECURITY.md accepts one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judge, parseAcceptances, securityDoc, type Finding } from '../../scripts/security-scan.ts';

const finding = (overrides: Partial<Finding>): Finding => ({
  id: 'OPEN_EXTERNAL_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'TENTATIVE',
  file: 'out/main/index.js',
  line: 10,
  sample: 'await shell.openExternal(url);',
  description: 'Review the use of openExternal',
  ...overrides,
});

describe('accepted findings', () => {
  it('are read from the marked table in docs/SECURITY.md, each with a reason', () => {
    const accepted = parseAcceptances(readFileSync(securityDoc, 'utf8'));
    expect(accepted.length).toBeGreaterThan(0);
    for (const entry of accepted) expect(entry.reason.length).toBeGreaterThanOrEqual(20);
  });

  it('a row without a reason, or a missing section, is an error', () => {
    const table = (row: string) =>
      `<!-- electronegativity-accepted:start -->\n| check | file | code | reason |\n| --- | --- | --- | --- |\n${row}\n<!-- electronegativity-accepted:end -->`;
    expect(() => parseAcceptances(table('| `PRELOAD_JS_CHECK` | `*` | `*` | |'))).toThrow(/needs a check id/);
    expect(() => parseAcceptances('# nothing here')).toThrow(/no <!-- electronegativity-accepted:start -->/);
  });
});

describe('judging findings', () => {
  const accepted = [
    {
      id: 'OPEN_EXTERNAL_JS_CHECK',
      file: 'out/main/index.js',
      code: 'shell.openExternal(url)',
      reason: 'x'.repeat(20),
    },
  ];

  it('MEDIUM and above fail unless accepted; LOW and INFORMATIONAL only inform', () => {
    const verdict = judge(
      [
        finding({}),
        finding({ sample: 'shell.openExternal(untrusted)' }),
        finding({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW', file: 'N/A' }),
        finding({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH' }),
      ],
      accepted,
    );
    expect(verdict.accepted.map((f) => f.sample)).toEqual(['await shell.openExternal(url);']);
    expect(verdict.failing.map((f) => f.id)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
    ]);
    expect(verdict.minor.map((f) => f.id)).toEqual(['CSP_GLOBAL_CHECK']);
  });

  it('reports acceptances that no longer match anything', () => {
    expect(judge([], accepted).unusedAcceptances).toEqual(accepted);
  });
});
