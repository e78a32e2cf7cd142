// Which files the main bundle opens at run time, read from its `appPath(...)` calls, and whether the
// package has them. Main resolves every runtime file through `appPath(...segments)`, a join on
// app.getAppPath() (src/main/platform/paths.ts), so the calls in the bundle name them.
import { entryPoints, lineOf, type PackedApp } from './package-rules.ts';

/** One `appPath(...)` call in the main bundle. */
export interface AppPathCall {
  line: number;
  /** The function the call sits in (`trayIconPath`), or null at top level / in an anonymous function. */
  enclosingFunction: string | null;
  /** The path when every argument is a string literal; a pattern when some are template literals. */
  resolved: { file: string; pattern: RegExp } | null;
}

/**
 * The appPath(...) calls of a bundle: literal segments give the file, a template literal segment such
 * as `tray-${state}.png` a pattern, and a computed segment (a variable) only the function it sits in,
 * whose files the caller enumerates.
 */
export function appPathCalls(mainCode: string): AppPathCall[] {
  const calls: AppPathCall[] = [];
  for (const call of mainCode.matchAll(/(?<![\w$])(?<!function\s+)#?appPath(?:\$\d+)?\s*\(/g)) {
    const args = argumentList(mainCode, call.index + call[0].length);
    if (args === null || args.length === 0 || args.some((arg) => arg.startsWith('...'))) continue;
    const segments = args.map(literalPattern);
    const literal = segments.every((segment) => segment !== null);
    calls.push({
      line: lineOf(mainCode, call.index),
      enclosingFunction: enclosingFunction(mainCode, call.index),
      resolved: literal
        ? {
            file: args.map((arg) => arg.slice(1, -1)).join('/'),
            pattern: new RegExp(`^${segments.join('/')}$`),
          }
        : null,
    });
  }
  return calls;
}

/** The name of the innermost named function declared before `offset` whose body is still open. */
function enclosingFunction(code: string, offset: number): string | null {
  let best: string | null = null;
  for (const match of code.slice(0, offset).matchAll(/\bfunction\s+([\w$]+)\s*\([^)]*\)\s*\{/g)) {
    const bodyStart = match.index + match[0].length;
    let depth = 1;
    for (let i = bodyStart; i < offset && depth > 0; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}') depth--;
    }
    if (depth > 0) best = match[1]!;
  }
  return best;
}

/** The comma-separated arguments of a call whose `(` ends just before `start`; null if unbalanced. */
function argumentList(code: string, start: number): string[] | null {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = start; i < code.length && i < start + 500; i++) {
    const char = code[i]!;
    if (char === '"' || char === "'" || char === '`') {
      const end = closingQuote(code, i);
      if (end < 0) return null;
      current += code.slice(i, end + 1);
      i = end;
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth++;
    if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) {
        if (current.trim() !== '') args.push(current.trim());
        return args;
      }
      depth--;
    }
    if (char === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
    } else current += char;
  }
  return null;
}

function closingQuote(code: string, open: number): number {
  const quote = code[open];
  let depth = 0;
  for (let i = open + 1; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (quote === '`' && code[i] === '$' && code[i + 1] === '{') depth++;
    else if (quote === '`' && code[i] === '}' && depth > 0) depth--;
    else if (code[i] === quote && depth === 0) return i;
  }
  return -1;
}

/** A string or template literal as a regex source (`${…}` matches one path segment); null otherwise. */
function literalPattern(arg: string): string | null {
  const quote = arg[0];
  if ((quote !== '"' && quote !== "'" && quote !== '`') || arg.at(-1) !== quote) return null;
  const body = arg.slice(1, -1);
  if (quote !== '`') return escapeRegExp(body);
  return body
    .split(/\$\{[^}]*\}/)
    .map(escapeRegExp)
    .join('[^/]+');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every file main opens through appPath() is in the package. `computed` lists, per function name, the
 * files a call with computed segments inside that function can open (e.g. every tray icon of every
 * state on every OS); a computed call anywhere else is a problem, since nobody can say what it opens.
 */
export function runtimeFileProblems(
  app: PackedApp,
  computed: ReadonlyMap<string, readonly string[]>,
  mainPath = entryPoints.main,
): string[] {
  if (!app.files.has(mainPath)) return [`${mainPath} is not in app.asar`];
  const code = app.read(mainPath).toString('utf8');
  const calls = appPathCalls(code);
  if (calls.length === 0) {
    return [`${mainPath} resolves no file through appPath(...): the check cannot see what main loads`];
  }
  const problems: string[] = [];
  const files = [...app.files];
  for (const call of calls) {
    if (call.resolved) {
      const { file, pattern } = call.resolved;
      if (!files.some((packed) => pattern.test(packed))) {
        problems.push(`${mainPath}:${call.line} loads ${file}, which is not in app.asar`);
      }
      continue;
    }
    const known = call.enclosingFunction === null ? undefined : computed.get(call.enclosingFunction);
    if (!known) {
      problems.push(
        `${mainPath}:${call.line} opens a computed appPath(...) in ${call.enclosingFunction ?? 'an anonymous function'}: list the files it can open in scripts/package-check.ts (runtimeFilesOf)`,
      );
      continue;
    }
    for (const file of known) {
      if (!app.files.has(file))
        problems.push(
          `${mainPath}:${call.line} (${call.enclosingFunction}) can load ${file}, which is not in app.asar`,
        );
    }
  }
  return problems;
}
