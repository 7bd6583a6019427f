#!/usr/bin/env node
// Launcher: loads the built CLI and hands it the process. Nothing else lives here.
// CommonJS (bin/package.json): `xinfang --version` is answered without starting Node's ES
// module loader (~15–20 ms). Everything else loads the esbuild bundle (dist/bundle/main.js,
// see scripts/bundle.mjs), which starts several times faster than tsc's hundreds of files;
// XINFANG_NO_BUNDLE=1, or a build without the bundle, runs tsc's dist/cli/main.js instead.
'use strict';
const { readFileSync, writeSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Answered before loading anything (not even process.stdout): package.json's version.
  const line = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version + '\n';
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
  load().then(
    async ({ main }) => {
      process.exitCode = await main(argv);
    },
    (e) => {
      throw e;
    },
  );
}

async function load() {
  const dist = (...p) => pathToFileURL(join(__dirname, '..', 'dist', ...p)).href;
  if (!process.env.XINFANG_NO_BUNDLE) {
    try {
      return await import(dist('bundle', 'main.js'));
    } catch (e) {
      if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !/dist[\\/]bundle[\\/]main\.js/.test(String(e.message))) throw e;
    }
  }
  return import(dist('cli', 'main.js'));
}
