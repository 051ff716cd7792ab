/**
 * Hook managers configured by a YAML file (lefthook, the pre-commit framework): hush adds one
 * entry, keeping the user's comments and layout, and keeps the original bytes so that uninstall can
 * put them back exactly when nothing else changed since.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document, YAMLMap } from 'yaml';
import type { HookLocation } from './locate.js';
import { HOOKS } from './marker.js';
import { currentMode, replaceWith } from './safe-write.js';

export const ENTRY_ID = 'hush';

function backupPath(location: HookLocation): string {
  return join(location.stateDir, `${basename(location.file)}.hush-original`);
}

export function configHasHush(location: HookLocation): boolean {
  if (!existsSync(location.file)) return false;
  const doc = parseDocument(readFileSync(location.file, 'utf8'));
  return location.manager === 'lefthook' ? doc.hasIn(['pre-commit', 'commands', ENTRY_ID]) : findPreCommitRepo(doc) >= 0;
}

/** Index in `repos` of the local repo holding our hook, or -1. */
function findPreCommitRepo(doc: Document): number {
  const repos = doc.get('repos');
  if (!isSeq(repos)) return -1;
  return repos.items.findIndex((repo) => {
    if (!isMap(repo)) return false;
    const hooks = repo.get('hooks');
    return isSeq(hooks) && hooks.items.some((h) => isMap(h) && h.get('id') === ENTRY_ID);
  });
}

/** `run`: a portable command (no path of this machine: the file is committed). */
export function addToConfig(location: HookLocation, run: string): void {
  const original = existsSync(location.file) ? readFileSync(location.file) : undefined;
  const doc: Document = parseDocument(original?.toString('utf8') ?? '');
  if (doc.contents === null) doc.contents = new YAMLMap();
  if (location.manager === 'lefthook') {
    // pre-merge-commit too (git merge runs no pre-commit); lefthook wires it on its next `lefthook install`.
    for (const hook of HOOKS) doc.setIn([hook, 'commands', ENTRY_ID], doc.createNode({ run: hook === 'pre-commit' ? run : `HUSH_GIT_HOOK=${hook} ${run}` }));
  } else {
    const entry = doc.createNode({
      repo: 'local',
      hooks: [{ id: ENTRY_ID, name: 'hush (secret scan)', entry: run, language: 'system', pass_filenames: false, always_run: true }],
    });
    const repos = doc.get('repos');
    if (isSeq(repos)) repos.items.push(entry);
    else doc.set('repos', doc.createNode([entry]));
  }
  mkdirSync(location.stateDir, { recursive: true });
  if (original) writeFileSync(backupPath(location), original);
  replaceWith(location.file, doc.toString(), currentMode(location.file, 0o644));
}

/** A command an older hush wrote: this machine's node and script, quoted or not. */
const isMachinePath = (value: unknown) => typeof value === 'string' && /^'?\//.test(value.trim());

/** Replaces hush entries that name absolute paths with `run`; returns whether the file changed. */
export function upgradeEntry(location: HookLocation, run: string): boolean {
  const doc = parseDocument(readFileSync(location.file, 'utf8'));
  let changed = false;
  if (location.manager === 'lefthook') {
    if (!isMachinePath(doc.getIn(['pre-commit', 'commands', ENTRY_ID, 'run']))) return false;
    for (const hook of HOOKS) doc.setIn([hook, 'commands', ENTRY_ID], doc.createNode({ run: hook === 'pre-commit' ? run : `HUSH_GIT_HOOK=${hook} ${run}` }));
    changed = true;
  } else {
    const repos = doc.get('repos');
    const repo = isSeq(repos) ? repos.items[findPreCommitRepo(doc)] : undefined;
    const hooks = isMap(repo) ? repo.get('hooks') : undefined;
    for (const hook of isSeq(hooks) ? hooks.items : []) {
      if (isMap(hook) && hook.get('id') === ENTRY_ID && isMachinePath(hook.get('entry'))) {
        hook.set('entry', run);
        changed = true;
      }
    }
  }
  if (changed) replaceWith(location.file, doc.toString(), currentMode(location.file, 0o644));
  return changed;
}

export function removeFromConfig(location: HookLocation): void {
  const doc = parseDocument(readFileSync(location.file, 'utf8'));
  if (location.manager === 'lefthook') {
    for (const hook of HOOKS) {
      doc.deleteIn([hook, 'commands', ENTRY_ID]);
      const commands = doc.getIn([hook, 'commands']);
      if (isMap(commands) && commands.items.length === 0) doc.deleteIn([hook, 'commands']);
      const section = doc.get(hook);
      if (isMap(section) && section.items.length === 0) doc.delete(hook);
    }
  } else {
    const index = findPreCommitRepo(doc);
    const repos = doc.get('repos');
    if (isSeq(repos) && index >= 0) repos.items.splice(index, 1);
  }
  const backup = backupPath(location);
  const edited = doc.toString();
  if (existsSync(backup)) {
    const original = readFileSync(backup);
    // Nothing else changed since install: restore the exact original bytes.
    replaceWith(location.file, parseDocument(original.toString('utf8')).toString() === edited ? original : edited, currentMode(location.file, 0o644));
    unlinkSync(backup);
  } else if (edited.trim() === '' || edited.trim() === '{}') {
    unlinkSync(location.file);
  } else replaceWith(location.file, edited, currentMode(location.file, 0o644));
}
