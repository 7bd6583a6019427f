#!/usr/bin/env node
// Launcher: loads the built CLI and hands it the process. Nothing else lives here.
import { main } from '../dist/cli/main.js';
process.exitCode = await main(process.argv.slice(2));
