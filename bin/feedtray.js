#!/usr/bin/env node
// The `feedtray` command. Node runs the TypeScript sources directly (type stripping, Node >= 22.18).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `feedtray needs Node 22.18 or newer (24 recommended, see .nvmrc); this is ${process.version}.`,
  );
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
// Every line is flushed by the time main resolves; exit even if a keep-alive socket lingers.
process.exit(await main(process.argv.slice(2)));
