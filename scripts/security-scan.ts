#!/usr/bin/env node
// `npm run security`: runs Electronegativity (@doyensec/electronegativity) over the packed app.asar that
// `npm run package:check` produces (packing first when it is missing or older than the build), and
// fails on any finding of MEDIUM severity or above that docs/SECURITY.md does not list as accepted.
//
// It calls the runner the CLI calls, in process, because the CLI is unreliable: its CSV writer writes
// the header and the rows with two racing asynchronous writes (we saw the first row cut), its SARIF
// output carries no severity, and offline its HTTP client's retry timers crash it at a random point
// (before or after the report is written). The runner returns the findings with their severity, with
// the network switched off (see disableScannerNetwork); a SARIF report is still written for people and
// for code scanning. Parse errors fail the scan: a file the scanner could not read was not checked.
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { asarPath, isPackageFresh, packApp, root } from './package-check.ts';

/** Severities Electronegativity assigns, lowest first. */
const severityRank = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;
type Severity = keyof typeof severityRank;
/** Findings at or above this severity fail the scan unless accepted. */
export const failingSeverity: Severity = 'MEDIUM';

/**
 * Checks left out (by class name, as the runner wants them), with why (also in docs/SECURITY.md):
 * AvailableSecurityFixesGlobalCheck (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) compares the Electron version
 * with the live release list on GitHub, so offline it cannot run and online its verdict changes with
 * every Electron release: keeping Electron current is a dependency-update task, not a build gate.
 */
export const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

export const securityDoc = join(root, 'docs', 'SECURITY.md');
export const reportPath = join(root, 'release', 'security', 'electronegativity.sarif');

/** One finding, as the scan reports it. */
export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  file: string;
  line: number;
  sample: string;
  description: string;
}

/** One accepted finding from docs/SECURITY.md: check id, file, flagged code (or `*` each) and the reason. */
export interface Acceptance {
  id: string;
  file: string;
  code: string;
  reason: string;
}

const acceptedStart = '<!-- electronegativity-accepted:start -->';
const acceptedEnd = '<!-- electronegativity-accepted:end -->';

/**
 * Reads the accepted findings: the markdown table between the two markers in docs/SECURITY.md, columns
 * `check | file | code | reason`, where `code` is a piece of the flagged line (so a new call of the same
 * kind is not accepted along with the reviewed one) and `*` in file or code matches anything. A row
 * without a reason is an error: accepting a finding is a written act.
 */
export function parseAcceptances(markdown: string): Acceptance[] {
  const start = markdown.indexOf(acceptedStart);
  const end = markdown.indexOf(acceptedEnd);
  if (start < 0 || end < start)
    throw new Error(`docs/SECURITY.md has no ${acceptedStart} … ${acceptedEnd} section`);
  const rows = markdown
    .slice(start + acceptedStart.length, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    )
    .filter((cells) => !cells.every((cell) => /^:?-+:?$/.test(cell)) && cells[0]?.toLowerCase() !== 'check');
  return rows.map((cells) => {
    const [id = '', file = '', code = '', reason = ''] = cells;
    if (cells.length !== 4 || !/^[A-Z_]+$/.test(id) || file === '' || code === '' || reason.length < 20) {
      throw new Error(
        `docs/SECURITY.md: accepted finding "${cells.join(' | ')}" needs a check id, a file, a code piece (or *) and a reason`,
      );
    }
    return { id, file, code, reason };
  });
}

/** The acceptance that covers a finding, if any. */
export function acceptanceFor(finding: Finding, acceptances: readonly Acceptance[]): Acceptance | undefined {
  return acceptances.find(
    (entry) =>
      entry.id === finding.id &&
      (entry.file === '*' || entry.file === finding.file) &&
      (entry.code === '*' || finding.sample.includes(entry.code)),
  );
}

/** Splits findings into those that fail the scan, those accepted, and those below the bar. */
export function judge(findings: readonly Finding[], acceptances: readonly Acceptance[]) {
  const serious = findings.filter(
    (finding) => severityRank[finding.severity] >= severityRank[failingSeverity],
  );
  return {
    failing: serious.filter((finding) => !acceptanceFor(finding, acceptances)),
    accepted: serious.filter((finding) => acceptanceFor(finding, acceptances)),
    minor: findings.filter((finding) => severityRank[finding.severity] < severityRank[failingSeverity]),
    unusedAcceptances: acceptances.filter(
      (entry) => !serious.some((finding) => acceptanceFor(finding, [entry])),
    ),
  };
}

interface RawIssue {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location?: { line?: number };
  sample?: string;
  description: string;
}

/**
 * Electronegativity downloads translations and (in the excluded check) Electron's release list with
 * `got`. Offline, got's retry timers throw from nowhere after the scan has moved on, and online the
 * downloads change nothing the gate reads; so the scanner's `got` is replaced by one that fails at once.
 * The scan then reads only the app, the same everywhere.
 */
function disableScannerNetwork(require: NodeJS.Require): void {
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const gotPath = scannerRequire.resolve('got');
  const offline = (url: unknown): Promise<never> =>
    Promise.reject(new Error(`network disabled for the security scan (${String(url)})`));
  const exports = Object.assign(offline, { head: offline, get: offline, default: offline });
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports,
  } as unknown as NodeJS.Module;
}

/**
 * Electronegativity parses with Babel's `estree` plugin but without its `classFeatures` option, so a
 * private class field (`#tray`, as the app uses) comes out as a Babel-only ClassPrivateProperty node
 * that its ESTree walker rejects ("Unknown node type"), and the whole file goes unscanned. With the
 * option, Babel emits the standard PropertyDefinition / PrivateIdentifier nodes the walker knows.
 */
function parseClassFieldsAsEstree(require: NodeJS.Require): void {
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const { Parser } = scannerRequire('./parser/parser.js') as {
    Parser: {
      prototype: {
        babelPlugins: unknown[];
        parseBabel: (this: { babelPlugins: unknown[] }, content: string) => unknown;
      };
    };
  };
  const parseBabel = Parser.prototype.parseBabel;
  if ((parseBabel as { patched?: boolean }).patched) return;
  const patched = function (this: { babelPlugins: unknown[] }, content: string): unknown {
    this.babelPlugins = this.babelPlugins.map((plugin) =>
      plugin === 'estree' ? ['estree', { classFeatures: true }] : plugin,
    );
    return parseBabel.call(this, content);
  };
  Parser.prototype.parseBabel = Object.assign(patched, { patched: true });
}

/** Runs Electronegativity's runner over an app.asar and returns its findings. */
export async function scan(input: string, electronVersion: string): Promise<Finding[]> {
  const require = createRequire(import.meta.url);
  disableScannerNetwork(require);
  parseClassFieldsAsEstree(require);
  const run = require('@doyensec/electronegativity') as (
    options: Record<string, unknown>,
    forCli: boolean,
  ) => Promise<{ issues: RawIssue[]; errors: unknown[] }>;
  mkdirSync(join(reportPath, '..'), { recursive: true });
  rmSync(reportPath, { force: true });
  const startedAt = Date.now();
  const result = await run(
    {
      input,
      output: reportPath,
      isSarif: true,
      customScan: [],
      excludeFromScan: excludedChecks,
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: false,
      isVerbose: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
  await reportWritten(startedAt);
  if (result.errors.length > 0) {
    throw new Error(
      `Electronegativity could not parse some files: ${JSON.stringify(result.errors).slice(0, 500)}`,
    );
  }
  return result.issues.map((issue) => ({
    id: issue.id,
    severity: (issue.severity.name in severityRank ? issue.severity.name : 'HIGH') as Severity,
    confidence: issue.confidence.name,
    // Paths inside the archive come back absolute ("/out/main/index.js"); global checks say "N/A".
    file: issue.file === 'N/A' ? 'N/A' : issue.file.split('\\').join('/').replace(/^\//, ''),
    line: issue.location?.line ?? 0,
    sample: issue.sample ?? '',
    description: issue.description,
  }));
}

/** The runner writes its report asynchronously after returning; wait (briefly) until it is complete. */
async function reportWritten(since: number): Promise<void> {
  for (let waitedMs = 0; waitedMs < 5_000; waitedMs += 50) {
    try {
      if (statSync(reportPath).mtimeMs >= since - 1_000) {
        JSON.parse(readFileSync(reportPath, 'utf8'));
        return;
      }
    } catch {
      // not there, or not complete yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Electronegativity did not write ${reportPath}`);
}

function describe(finding: Finding): string {
  const where = finding.file === 'N/A' ? 'whole app' : `${finding.file}:${finding.line}`;
  return `${finding.id} [${finding.severity}/${finding.confidence}] ${where}: ${finding.description}${finding.sample ? `\n           ${finding.sample.slice(0, 160)}` : ''}`;
}

async function main(): Promise<number> {
  if (!isPackageFresh()) {
    console.log('security: packing the app first (npm run package:check packs the same way)…');
    await packApp();
  }
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const acceptances = parseAcceptances(readFileSync(securityDoc, 'utf8'));
  console.log(`security: Electronegativity over ${relative(root, asarPath)} (Electron ${electronVersion})…`);
  const findings = await scan(asarPath, electronVersion);
  const { failing, accepted, minor, unusedAcceptances } = judge(findings, acceptances);
  console.log(`\nsecurity: ${findings.length} findings, report ${relative(root, reportPath)}`);
  for (const finding of minor) console.log(`  info     ${describe(finding)}`);
  for (const finding of accepted) {
    console.log(
      `  accepted ${describe(finding)}\n           reason: ${acceptanceFor(finding, acceptances)!.reason}`,
    );
  }
  for (const finding of failing) console.log(`  FAIL     ${describe(finding)}`);
  for (const entry of unusedAcceptances) {
    console.log(
      `  note     docs/SECURITY.md accepts ${entry.id} in ${entry.file}, which no longer occurs: remove the row`,
    );
  }
  console.log(
    failing.length === 0
      ? `security: passed: no ${failingSeverity} or higher finding outside docs/SECURITY.md's accepted list (${accepted.length} accepted, ${minor.length} below ${failingSeverity})`
      : `security: FAILED: ${failing.length} finding(s) of ${failingSeverity} or higher severity; fix them, or accept them in docs/SECURITY.md with a reason`,
  );
  return failing.length === 0 ? 0 : 1;
}

if (import.meta.main) {
  let status = 1;
  try {
    status = await main();
  } catch (error) {
    console.error(`security: FAILED: ${(error as Error).stack ?? String(error)}`);
  }
  // Exit explicitly: the scanner's HTTP client may still hold retry timers.
  process.exit(status);
}
