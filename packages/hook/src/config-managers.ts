/**
 * Hook managers configured by a YAML file (lefthook, the pre-commit framework): hush adds one
 * entry, keeping the user's comments and layout, and keeps the original bytes so that uninstall can
 * put them back exactly when nothing else changed since.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document } from 'yaml';
import type { HookLocation } from './locate.js';
import { HOOKS, type GitHook } from './marker.js';
import { guardedHookRun, isUnguardedRun } from './portable.js';
import { currentMode, HookError, replaceWith } from './safe-write.js';

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

/**
 * Makes the mapping at `path` exist. A key written with no value (`pre-commit:` alone) is an empty
 * section to the manager, so it becomes an empty mapping; any other value is the user's to fix.
 */
function ensureMap(doc: Document, path: string[]): void {
  const node = doc.getIn(path, true);
  if (isMap(node)) return;
  if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) {
    doc.setIn(path, doc.createNode({}));
    return;
  }
  throw new HookError(`${path.join('.')} in the config file is not a mapping; fix it or add hush by hand`);
}

/** The other entries of lefthook's pre-commit section (commands, jobs, scripts): hush runs beside them. */
function lefthookHasOtherEntries(doc: Document): boolean {
  const section = doc.get('pre-commit');
  if (!isMap(section)) return false;
  return ['commands', 'jobs', 'scripts'].some((key) => {
    const entries = section.get(key);
    if (isSeq(entries)) return entries.items.length > 0;
    return isMap(entries) && entries.items.some((pair) => !(isScalar(pair.key) && pair.key.value === ENTRY_ID));
  });
}

/** What hush's entry runs for each git hook. */
type Runs = (hook: GitHook) => string;

/**
 * lefthook runs `run` with sh; the pre-commit framework splits `entry` into words and runs it
 * without a shell, so the guarded script goes to `sh -c` (it holds no single quote).
 */
function runsFor(manager: HookLocation['manager'], portable: string): Runs {
  if (manager === 'lefthook') return (hook) => guardedHookRun(portable, { hook: hook === 'pre-commit' ? undefined : hook });
  return () => `sh -c '${guardedHookRun(portable).trimEnd()}'\n`;
}

/** A multi-line command as a literal block (`|`), which YAML writes as it is instead of folding it. */
function commandNode(doc: Document, command: string) {
  const node = doc.createNode(command);
  if (command.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

/** `text` with hush's entry added, and whether it already had other pre-commit entries. */
function withHush(text: string, manager: HookLocation['manager'], runs: Runs, file: string): { text: string; others: boolean } {
  const doc: Document = parseDocument(text);
  // An empty or all-comment file (lefthook's own default) has no contents: a mapping made by the
  // document, which keeps the comments above it.
  if (doc.contents === null) doc.contents = doc.createNode({});
  else if (!isMap(doc.contents)) throw new HookError(`${file} is not a YAML mapping; fix it or add hush by hand`);
  let others: boolean;
  if (manager === 'lefthook') {
    others = lefthookHasOtherEntries(doc);
    // pre-merge-commit too (git merge runs no pre-commit); lefthook wires it on its next `lefthook install`.
    for (const hook of HOOKS) {
      ensureMap(doc, [hook]);
      ensureMap(doc, [hook, 'commands']);
      doc.setIn([hook, 'commands', ENTRY_ID], doc.createNode({ run: commandNode(doc, runs(hook)) }));
    }
  } else {
    const repos = doc.get('repos');
    others = isSeq(repos) && repos.items.length > 0;
    const entry = doc.createNode({
      repo: 'local',
      hooks: [
        { id: ENTRY_ID, name: 'hush (secret scan)', entry: commandNode(doc, runs('pre-commit')), language: 'system', pass_filenames: false, always_run: true },
      ],
    });
    if (isSeq(repos)) repos.items.push(entry);
    else doc.set('repos', doc.createNode([entry]));
  }
  return { text: doc.toString(), others };
}

/**
 * `portable`: a command naming no path of this machine (the file is committed). Returns whether the
 * file already had other pre-commit entries, which keep running with hush's.
 */
export function addToConfig(location: HookLocation, portable: string): boolean {
  const original = existsSync(location.file) ? readFileSync(location.file) : undefined;
  const added = withHush(original?.toString('utf8') ?? '', location.manager, runsFor(location.manager, portable), location.file);
  mkdirSync(location.stateDir, { recursive: true });
  if (original) writeFileSync(backupPath(location), original);
  replaceWith(location.file, added.text, currentMode(location.file, 0o644));
  return added.others;
}

/** The command hush's entry runs now for `gitHook` (as install wrote it, or as an upgrade rewrote it). */
function installedRun(doc: Document, manager: HookLocation['manager'], gitHook: GitHook): unknown {
  if (manager === 'lefthook') return doc.getIn([gitHook, 'commands', ENTRY_ID, 'run']);
  const repos = doc.get('repos');
  const repo = isSeq(repos) ? repos.items[findPreCommitRepo(doc)] : undefined;
  const hooks = isMap(repo) ? repo.get('hooks') : undefined;
  const hook = isSeq(hooks) ? hooks.items.find((h) => isMap(h) && h.get('id') === ENTRY_ID) : undefined;
  return isMap(hook) ? hook.get('entry') : undefined;
}

/**
 * A command an older hush wrote: this machine's node and script (quoted or not), or the portable
 * command without the check that names hush-scan when hush is missing.
 */
const isOldRun = (value: unknown) => typeof value === 'string' && (/^'?\//.test(value.trim()) || isUnguardedRun(value));

/** Rewrites hush entries an older hush wrote; returns whether the file changed. */
export function upgradeEntry(location: HookLocation, portable: string): boolean {
  const doc = parseDocument(readFileSync(location.file, 'utf8'));
  const runs = runsFor(location.manager, portable);
  let changed = false;
  if (location.manager === 'lefthook') {
    if (!isOldRun(doc.getIn(['pre-commit', 'commands', ENTRY_ID, 'run']))) return false;
    for (const hook of HOOKS) doc.setIn([hook, 'commands', ENTRY_ID], doc.createNode({ run: commandNode(doc, runs(hook)) }));
    changed = true;
  } else {
    const repos = doc.get('repos');
    const repo = isSeq(repos) ? repos.items[findPreCommitRepo(doc)] : undefined;
    const hooks = isMap(repo) ? repo.get('hooks') : undefined;
    for (const hook of isSeq(hooks) ? hooks.items : []) {
      if (isMap(hook) && hook.get('id') === ENTRY_ID && isOldRun(hook.get('entry'))) {
        hook.set('entry', commandNode(doc, runs('pre-commit')));
        changed = true;
      }
    }
  }
  if (changed) replaceWith(location.file, doc.toString(), currentMode(location.file, 0o644));
  return changed;
}

export function removeFromConfig(location: HookLocation): void {
  const current = readFileSync(location.file, 'utf8');
  const doc = parseDocument(current);
  const backup = backupPath(location);
  // What this entry runs for each hook, as this or an older version wrote it.
  const runs = HOOKS.map((hook) => installedRun(doc, location.manager, hook));
  if (existsSync(backup) && typeof runs[0] === 'string') {
    const original = readFileSync(backup);
    // The file is exactly what install made of the original: nothing else changed, restore its bytes.
    let reinstalled: string | undefined;
    try {
      reinstalled = withHush(original.toString('utf8'), location.manager, (hook) => String(runs[HOOKS.indexOf(hook)] ?? runs[0]), location.file).text;
    } catch {
      reinstalled = undefined;
    }
    if (reinstalled === current) {
      replaceWith(location.file, original, currentMode(location.file, 0o644));
      unlinkSync(backup);
      return;
    }
  }
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
