#!/usr/bin/env node
// hush's former entry point, kept for hooks and scripts that name it: the entry is hush.cjs.
import { createRequire } from 'node:module';
createRequire(import.meta.url)('./hush.cjs');
