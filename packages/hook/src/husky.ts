/**
 * husky runs `.husky/<hook>` itself (with `sh -e`, executable or not), so hush does not move the
 * team's file aside: it appends two lines and keeps the original bytes, which uninstall puts back
 * exactly when nothing else changed since.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HookLocation } from './locate.js';
import { HOOKS, MARKER, ORIGINAL_SUFFIX, type GitHook } from './marker.js';
import { guardedHookRun, isUnguardedRun } from './portable.js';
import { currentMode, replaceWith } from './safe-write.js';

/** The line that runs hush (or, when this clone has none, says to install hush-scan and blocks). */
const runLine = (hook: GitHook, portable: string) => guardedHookRun(portable, { hook, onFailure: ' || exit $?', oneLine: true });

function block(hook: GitHook, portable: string): string {
  return `${MARKER} (added by \`hush hook install\`; \`hush hook uninstall\` removes these two lines)\n${runLine(hook, portable)}\n`;
}

/** Rewrites the run line an older hush appended (no check for a missing hush); returns whether it did. */
function upgradeRunLine(file: string, hook: GitHook, portable: string): boolean {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith(MARKER)) + 1;
  if (at === 0 || at >= lines.length || !isUnguardedRun(lines[at])) return false;
  lines[at] = runLine(hook, portable);
  replaceWith(file, lines.join('\n'), currentMode(file, 0o644));
  return true;
}

const backupOf = (location: HookLocation, hook: GitHook) => join(location.stateDir, `husky-${hook}.hush-original`);

/** Whole hush scripts (what older hush versions wrote here) are removed the git way. */
const isWholeScript = (text: string) => text.startsWith(`#!/bin/sh\n${MARKER}`);

/** Returns whether anything changed. */
export function installHusky(location: HookLocation, portable: string): boolean {
  const dir = dirname(location.file);
  let changed = false;
  for (const hook of HOOKS) {
    const file = join(dir, hook);
    if (existsSync(file) && isWholeScript(readFileSync(file, 'utf8'))) {
      // An older hush moved the team's file aside and wrote machine paths here: undo that first.
      if (existsSync(file + ORIGINAL_SUFFIX)) renameSync(file + ORIGINAL_SUFFIX, file);
      else unlinkSync(file);
    }
    const original = existsSync(file) ? readFileSync(file) : undefined;
    if (original?.toString('utf8').includes(MARKER)) {
      if (upgradeRunLine(file, hook, portable)) changed = true;
      continue;
    }
    mkdirSync(location.stateDir, { recursive: true });
    mkdirSync(dir, { recursive: true });
    if (original) {
      writeFileSync(backupOf(location, hook), original);
      const text = original.toString('utf8');
      replaceWith(file, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${block(hook, portable)}`, currentMode(file, 0o644));
    } else {
      // Older husky versions execute the file directly.
      replaceWith(file, block(hook, portable), 0o755);
    }
    changed = true;
  }
  return changed;
}

export function uninstallHusky(location: HookLocation): 'restored' | 'removed' | 'not-installed' | 'whole-scripts' {
  const dir = dirname(location.file);
  let outcome: 'restored' | 'removed' | 'not-installed' = 'not-installed';
  for (const hook of HOOKS) {
    const file = join(dir, hook);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (!text.includes(MARKER)) continue;
    if (isWholeScript(text)) return 'whole-scripts';
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith(MARKER));
    lines.splice(at, 2);
    const remaining = lines.join('\n');
    const backup = backupOf(location, hook);
    if (existsSync(backup)) {
      const original = readFileSync(backup);
      const same = remaining === original.toString('utf8') || remaining === `${original.toString('utf8')}\n`;
      replaceWith(file, same ? original : remaining, currentMode(file, 0o644));
      unlinkSync(backup);
      outcome = 'restored';
    } else if (remaining.trim() === '') {
      unlinkSync(file);
      if (outcome === 'not-installed') outcome = 'removed';
    } else {
      replaceWith(file, remaining, currentMode(file, 0o644));
      outcome = 'restored';
    }
  }
  return outcome;
}
