/**
 * `hush hook install --server`: the pre-receive hook of a repository on a git server. Like the client
 * install, an existing hook is moved aside (bytes and mode kept) and chained: it runs first with the
 * same input and can still reject. The script starts hush the way the client hook does (recorded
 * node and hush paths: the single-file bundle when there is one), falling back to `hush` on PATH.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { gitSync, shellQuote } from '@hush/scanner';
import { HookError, replaceWith } from './safe-write.js';
import { ORIGINAL_SUFFIX } from './marker.js';

const SERVER_MARKER = '# hush pre-receive hook';
const HOOK = 'pre-receive';

export interface ServerInstallOptions {
  cwd: string;
  /** The repository's git directory (default: the one `cwd` is in). */
  gitDir?: string;
  /** A policy file for the hook script to name (default: `hush.json` in the git directory). */
  configFile?: string;
  nodePath: string;
  hushBin: string;
}

export interface ServerHookState {
  file: string;
  installed: boolean;
  chained: boolean;
  /** The policy file the installed script names, if any. */
  configFile?: string;
}

/** The git directory hooks go into: `--git-dir`, else the repository around `cwd`. */
function serverGitDir(cwd: string, gitDir?: string): string {
  const dir = gitDir ? resolve(cwd, gitDir) : cwd;
  if (!existsSync(dir)) throw new HookError(`not a git repository: ${gitDir ?? cwd}`);
  const probe = gitSync(dir, ['rev-parse', '--absolute-git-dir'], { allowFailure: true }).toString().trim();
  if (!probe || !isAbsolute(probe)) throw new HookError(`not a git repository: ${gitDir ?? cwd}`);
  return probe;
}

function serverScript(options: ServerInstallOptions, configFile?: string): string {
  const args = configFile ? ` --config ${shellQuote(configFile, true)}` : '';
  return `#!/bin/sh
${SERVER_MARKER} (managed by \`hush hook install --server\`; \`hush hook uninstall --server\` restores what was here)
# git runs this file before it updates any ref, with one "<old> <new> <ref>" line per ref on stdin.
# What was here before runs first with the same lines, and can still reject the push.
input=$(cat)
original="$(dirname "$0")/${HOOK}${ORIGINAL_SUFFIX}"
if [ -f "$original" ] && [ -x "$original" ]; then
  printf '%s\\n' "$input" | "$original" "$@" || exit $?
fi
node_bin=${shellQuote(options.nodePath, true)}
hush_bin=${shellQuote(options.hushBin, true)}
if [ -x "$node_bin" ] && [ -f "$hush_bin" ]; then
  printf '%s\\n' "$input" | "$node_bin" "$hush_bin" pre-receive${args}
  exit $?
fi
if ! command -v hush >/dev/null 2>&1; then
  echo "hush: cannot start hush (not at the recorded path, nor on PATH); the push is rejected" >&2
  exit 1
fi
printf '%s\\n' "$input" | hush pre-receive${args}
`;
}

export function installServerHook(options: ServerInstallOptions): { action: 'installed' | 'already-installed'; file: string; chained: boolean } {
  const gitDir = serverGitDir(options.cwd, options.gitDir);
  const configFile = options.configFile ? resolve(options.cwd, options.configFile) : undefined;
  if (configFile && !existsSync(configFile)) throw new HookError(`server policy not found: ${options.configFile}`);
  const file = join(gitDir, 'hooks', HOOK);
  const script = serverScript(options, configFile);
  const chained = () => existsSync(file + ORIGINAL_SUFFIX);
  if (isServerHook(file) && readFileSync(file, 'utf8') === script) return { action: 'already-installed', file, chained: chained() };
  if (existsSync(file) && !isServerHook(file) && existsSync(file + ORIGINAL_SUFFIX))
    throw new HookError(`${file + ORIGINAL_SUFFIX} already exists; move it away before installing`);
  mkdirSync(join(gitDir, 'hooks'), { recursive: true });
  if (existsSync(file) && !isServerHook(file)) renameSync(file, file + ORIGINAL_SUFFIX);
  replaceWith(file, script, 0o755);
  return { action: 'installed', file, chained: chained() };
}

export function uninstallServerHook(cwd: string, gitDir?: string): { action: 'removed' | 'restored' | 'not-installed'; file: string } {
  const file = join(serverGitDir(cwd, gitDir), 'hooks', HOOK);
  if (!isServerHook(file)) return { action: 'not-installed', file };
  if (existsSync(file + ORIGINAL_SUFFIX)) {
    renameSync(file + ORIGINAL_SUFFIX, file);
    return { action: 'restored', file };
  }
  unlinkSync(file);
  return { action: 'removed', file };
}

export function serverHookStatus(cwd: string, gitDir?: string): ServerHookState {
  const file = join(serverGitDir(cwd, gitDir), 'hooks', HOOK);
  if (!isServerHook(file) || !(statSync(file).mode & 0o111)) return { file, installed: false, chained: false };
  const named = /pre-receive --config ('(?:[^']|'\\'')*')/.exec(readFileSync(file, 'utf8'))?.[1];
  return {
    file,
    installed: true,
    chained: existsSync(file + ORIGINAL_SUFFIX),
    ...(named ? { configFile: named.slice(1, -1).replace(/'\\''/g, "'") } : {}),
  };
}

function isServerHook(file: string): boolean {
  return existsSync(file) && readFileSync(file, 'utf8').includes(SERVER_MARKER);
}
