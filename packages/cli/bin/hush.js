#!/usr/bin/env node
// Thin bin: all work happens in main(), which returns the exit code.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
