/**
 * Running git on repositories we did not write. Every invocation turns off what could execute the
 * repository's code or rewrite its state: hooks, fsmonitor, external diff and textconv drivers, pagers,
 * optional index locks (so a read never refreshes the index), and system/global config. It also never
 * fetches: a partial clone's lazy fetch would run the repository's transport config (`ext::` URLs,
 * core.sshCommand, remote.*.uploadpack, core.gitProxy), so every transport is blocked from the
 * environment, which outranks any `protocol.<name>.allow` in the repository. Replace refs and grafts
 * are ignored, so what is read is what a clone carries. docs/hardening.md lists each vector and test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { GitError } from '../errors.js';

const SAFE_CONFIG = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.quotePath=false',
  'diff.external=',
  'core.untrackedCache=false',
  'protocol.allow=never',
  // Signature checks run gpg.program / gpg.ssh.program / gpg.x509.program.
  'log.showSignature=false',
  // A .mailmap blob may be missing in a partial clone, and reading it would ask for it.
  'log.mailmap=false',
  'mailmap.blob=',
  'credential.helper=',
  'advice.graftFileDeprecated=false',
];

const SAFE_ENV: NodeJS.ProcessEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  GIT_EXTERNAL_DIFF: '',
  // Names no real protocol, so every transport is refused (git >= 2.12 honours it over config).
  GIT_ALLOW_PROTOCOL: 'none',
  // git 2.45+: a missing object in a partial clone is simply missing, never fetched.
  GIT_NO_LAZY_FETCH: '1',
  // Read objects as stored: `git replace` and info/grafts must not hide a secret.
  GIT_NO_REPLACE_OBJECTS: '1',
  GIT_GRAFT_FILE: '/dev/null',
  // Empty askpass and editor variables outrank core.askPass / core.editor / sequence.editor
  // (git treats ":" as "no editor").
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GIT_EDITOR: ':',
  GIT_SEQUENCE_EDITOR: ':',
  LC_ALL: 'C',
};

/** The user's hook settings must stay readable: hooksPath is the one override they skip. */
const USER_SAFE_CONFIG = SAFE_CONFIG.filter((c) => !c.startsWith('core.hooksPath='));

function safeArgs(args: string[]): string[] {
  return [...SAFE_CONFIG.flatMap((c) => ['-c', c]), ...args];
}

/**
 * Inside a server's pre-receive hook the pushed objects sit in a quarantine directory that git names
 * only in these variables; without them the push's commits are invisible. They come from
 * receive-pack, not from the push, and name object stores only (nothing runs from them).
 */
const PUSH_QUARANTINE_VARS = ['GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_QUARANTINE_PATH'] as const;
let admitQuarantine = false;

/**
 * Opt-in for `hush pre-receive` alone: from now on this process's git calls see the objects of the
 * push being received (the three quarantine variables pass through; every other GIT_* is still dropped).
 */
export function admitPushQuarantine(): void {
  admitQuarantine = true;
}

/** Whether `admitPushQuarantine` was called (a thread that runs git for this one passes it on). */
export function pushQuarantineAdmitted(): boolean {
  return admitQuarantine;
}

function env(): NodeJS.ProcessEnv {
  const base = { ...process.env };
  // Inherited GIT_DIR/GIT_INDEX_FILE (set when running inside a hook) must not redirect another repo.
  const kept = new Set<string>(['GIT_INDEX_FILE', ...(admitQuarantine ? PUSH_QUARANTINE_VARS : [])]);
  for (const key of Object.keys(base)) if (key.startsWith('GIT_') && !kept.has(key)) delete base[key];
  return { ...base, ...SAFE_ENV };
}

/** The hardened environment, but with the user's system and global config visible. */
function userEnv(): NodeJS.ProcessEnv {
  const result = env();
  delete result.GIT_CONFIG_NOSYSTEM;
  delete result.GIT_CONFIG_GLOBAL;
  for (const key of ['GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL']) if (process.env[key] !== undefined) result[key] = process.env[key];
  return result;
}

/** Runs git to completion and returns stdout as a Buffer (for small outputs only). */
export function gitSync(cwd: string, args: string[], options: { allowFailure?: boolean; input?: string; userConfig?: boolean } = {}): Buffer {
  // userConfig: read the user's own hook settings (global core.hooksPath included) for hook
  // installation; only for config queries, which run nothing. Everything but hooksPath stays hardened.
  const result = spawnSync('git', options.userConfig ? [...USER_SAFE_CONFIG.flatMap((c) => ['-c', c]), ...args] : safeArgs(args), {
    cwd,
    env: options.userConfig ? userEnv() : env(),
    input: options.input,
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.error) throw new GitError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFailure) {
    throw new GitError(`git ${args[0]} failed: ${result.stderr.toString().trim().split('\n')[0] || `exit ${result.status}`}`);
  }
  return result.stdout;
}

/** Starts a long-running git process (streams such as cat-file --batch and log --raw). */
function gitSpawn(cwd: string, args: string[]) {
  return spawn('git', safeArgs(args), { cwd, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * A streaming git process whose stderr is kept: `exited` settles, once git has closed its output,
 * with the exit code and what git said.
 */
export function gitStream(cwd: string, args: string[]) {
  const child = gitSpawn(cwd, args);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code: code ?? 0, stderr })));
  return { child, exited };
}

/** The line of git's stderr that names the error (the first may be a warning such as "lazy fetching disabled"). */
export function gitErrorLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0];
}

/**
 * `gitSync` without blocking the thread: git runs while the caller goes on (the audit overlaps its
 * git reads with its own work and with the workers' start-up). Same hardening, same errors.
 */
export function gitAsync(cwd: string, args: string[], options: { allowFailure?: boolean; input?: string } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = gitSpawn(cwd, args);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0 && !options.allowFailure) reject(new GitError(`git ${args[0]} failed: ${stderr.trim().split('\n')[0] || `exit ${code}`}`));
      else resolve(Buffer.concat(out));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}

export interface TransferOptions {
  /** Transports git may use (`https`, `ssh`, `git`, …); every other one, `ext::` and `file` included, is refused. */
  protocols: readonly string[];
  /** Extra `-c` settings passed through the environment (GIT_CONFIG_COUNT), so they show in no process list or config. */
  secretConfig?: Record<string, string>;
  timeoutMs: number;
}

export interface TransferOutcome {
  code: number;
  stderr: string;
  stdout: string;
}

/**
 * The one way hush lets git talk to a remote (`org run`'s mirror clones and `ls-remote`): the
 * hardened settings above, plus an allow-list of transports instead of none, no templates (so no
 * hooks are copied in), no LFS smudge and no submodule recursion.
 */
export function gitTransfer(cwd: string, args: string[], options: TransferOptions): Promise<TransferOutcome> {
  const transferEnv: NodeJS.ProcessEnv = {
    ...env(),
    GIT_ALLOW_PROTOCOL: options.protocols.join(':'),
    GIT_LFS_SKIP_SMUDGE: '1',
    GIT_TEMPLATE_DIR: '',
  };
  const secret = Object.entries(options.secretConfig ?? {});
  if (secret.length) {
    transferEnv.GIT_CONFIG_COUNT = String(secret.length);
    secret.forEach(([key, value], i) => {
      transferEnv[`GIT_CONFIG_KEY_${i}`] = key;
      transferEnv[`GIT_CONFIG_VALUE_${i}`] = value;
    });
  }
  const config = ['submodule.recurse=false', 'filter.lfs.smudge=', 'filter.lfs.process=', 'filter.lfs.required=false', 'core.sshCommand=ssh'];
  const child = spawn('git', [...safeArgs(config.flatMap((c) => ['-c', c])), ...args], { cwd, env: transferEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `cannot run git: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr: signal === 'SIGKILL' && code === null ? `${stderr}\ntimed out after ${options.timeoutMs} ms` : stderr });
    });
  });
}
