#!/usr/bin/env node
// Launcher: loads the built CLI and hands it the process. Nothing else lives here.
import { main } from '../dist/cli/main.js';
// Output piped into `head` that stops reading: end quietly, as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
