#!/usr/bin/env node
// Launcher: loads the built CLI and hands it the process. Nothing else lives here.
// It loads the esbuild bundle (dist/bundle/main.js, see scripts/bundle.mjs), which starts
// several times faster than tsc's hundreds of files; XINFANG_NO_BUNDLE=1, or a build
// without the bundle, runs tsc's dist/cli/main.js instead.
import { readFileSync, writeSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Answered before loading anything (not even process.stdout): package.json's version.
  const line = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n';
  try {
    writeSync(1, line);
  } catch (e) {
    if (e?.code === 'EAGAIN') process.stdout.write(line);
    else if (e?.code !== 'EPIPE') throw e;
  }
} else {
  // Output piped into `head` that stops reading: end quietly, as other command-line tools do.
  process.stdout.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const { main } = await load();
  process.exitCode = await main(argv);
}

async function load() {
  if (!process.env.XINFANG_NO_BUNDLE) {
    try {
      return await import('../dist/bundle/main.js');
    } catch (e) {
      if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !/dist[\\/]bundle[\\/]main\.js/.test(String(e.message))) throw e;
    }
  }
  return import('../dist/cli/main.js');
}
