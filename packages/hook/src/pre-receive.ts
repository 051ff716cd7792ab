/**
 * The pre-receive hook's work: judge what a push adds under the server's policy, and answer in the
 * pusher's terminal (git prefixes each line with `remote:`). Rejects (exit 1) when the push adds a
 * secret, or when it is too large to judge in time and the policy says so; break-glass
 * (`-o hush.allow=<reason>`) lets it through only where the server allows it, and records each use.
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import {
  ConfigError,
  findingsByRule,
  guidanceFor,
  loadServerPolicy,
  printable,
  redact,
  scanPush,
  settle,
  skipReason,
  type Finding,
  type PushScanResult,
  type RefUpdate,
  type ServerPolicy,
} from '@hush/scanner';
import type { HookRunResult } from './run.js';

export interface PreReceiveInput {
  /** The repository receiving the push (the hook's working directory). */
  gitDir: string;
  /** git's `<old> <new> <ref>` lines. */
  stdin: string;
  /** The hook's environment: push options and the pusher's name. */
  env: NodeJS.ProcessEnv;
  /** A policy file named in the hook script (else `hush.json` in the git directory). */
  configFile?: string;
}

/** Time kept back from the budget for reporting and for git to read the answer. */
const REPORT_MARGIN_MS = 250;
/** How long past the budget a stuck run is given before it is abandoned. */
const HARD_GRACE_MS = 500;
/** Findings named in the message; the rest are counted. */
const MESSAGE_FINDINGS = 20;
/** Columns a message line may take (git adds `remote: `). */
const WIDTH = 92;
const ALLOW_OPTION = 'hush.allow';
const MAX_REASON = 500;

export async function runPreReceive(input: PreReceiveInput): Promise<PreReceiveResult> {
  const updates = parseUpdates(input.stdin);
  const policy = await loadServerPolicy(input.gitDir, input.configFile);
  const bypass = allowOption(input.env);
  // The budget counts from process start (performance.now() is 0 there): start-up is part of it.
  // The scan stops itself at the deadline; a git call that does not return by the hard limit
  // (budget plus a grace) is abandoned.
  const budget = policy.server.timeBudgetMs;
  let timer: NodeJS.Timeout | undefined;
  const hardLimit = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), Math.max(0, budget + HARD_GRACE_MS - performance.now()))),
  );
  const scanned = await Promise.race([
    scanPush({ repo: input.gitDir, updates, server: policy, deadline: budget - REPORT_MARGIN_MS, env: input.env }),
    hardLimit,
  ]);
  clearTimeout(timer);
  const abandoned = scanned === undefined;
  // The one post-scan stage (the server's baseline; verification only where the policy allows it).
  const said: string[] = [];
  const result = scanned ? (await settle(scanned, { stderr: (text) => void said.push(text.trimEnd()) })).result : unjudged(input.gitDir);
  const answer = (exitCode: number, lines: string[]): PreReceiveResult => ({
    exitCode,
    message: lines.length ? `${lines.flatMap(fitted).join('\n')}\n` : '',
    abandoned,
  });
  // The push's own configuration changes nothing here: named, never blocking, never obeyed.
  const blocking = result.findings.filter((f) => f.ruleId !== 'hush.config-change');
  const configChanges = result.findings.filter((f) => f.ruleId === 'hush.config-change');
  const notes = [
    ...inheritedNote(result),
    ...configChangeNote(configChanges),
    ...skippedNote(result),
    ...result.warnings.map((w) => `hush: note: ${printable(w)}`),
  ];
  const overBudget = !result.complete;
  const rejectedForBudget = overBudget && !blocking.length && policy.server.onBudgetExceeded === 'reject';
  const lines: string[] = [...said];
  if (overBudget) lines.push(...budgetLines(result, policy, blocking.length > 0));
  if (!blocking.length && !rejectedForBudget) {
    if (bypass) lines.push(`hush: ${ALLOW_OPTION} was given, but nothing needed it: the push is accepted.`);
    return answer(0, [...lines, ...notes]);
  }
  if (blocking.length) lines.push(...findingLines(blocking, result, policy));
  if (bypass !== undefined) {
    if (!policy.server.allowBypass) {
      lines.push(
        `hush: -o ${ALLOW_OPTION} is refused: this server does not allow break-glass ("server": {"allowBypass": true} in its hush.json).`,
        'hush: the push is rejected.',
      );
      return answer(1, [...lines, ...notes]);
    }
    if (!bypass.reason) {
      lines.push(`hush: -o ${ALLOW_OPTION} needs a reason: git push -o ${ALLOW_OPTION}="<why this cannot wait>"`, 'hush: the push is rejected.');
      return answer(1, [...lines, ...notes]);
    }
    try {
      recordBypass(policy, updates, blocking, bypass.reason, input.env, overBudget);
    } catch (error) {
      lines.push(`hush: break-glass could not be recorded (${(error as NodeJS.ErrnoException).code ?? 'error'}), so it is not granted; the push is rejected.`);
      return answer(1, [...lines, ...notes]);
    }
    lines.push(`hush: break-glass: the push is let through (${ALLOW_OPTION}: ${printable(bypass.reason)}); this use is recorded in the server's audit log.`);
    if (blocking.length) lines.push('hush: rotate the secrets above now: this server and everyone who fetches have them.');
    return answer(0, [...lines, ...notes]);
  }
  if (blocking.length) lines.push(...removalAdvice(blocking.length));
  if (policy.server.allowBypass) lines.push(`Only if it cannot wait: git push -o ${ALLOW_OPTION}="<reason>" lets it through, and the server records it.`);
  lines.push('hush: the push is rejected.');
  return answer(1, [...lines, ...notes]);
}

export interface PreReceiveResult extends HookRunResult {
  /** The scan was abandoned at the hard limit: the caller ends the process rather than wait for it. */
  abandoned: boolean;
}

/** A push as judged (the policy it was judged by is not needed to describe it). */
type Judged = Omit<PushScanResult, 'policy'>;

/** What is known of a push whose scan did not return in time: nothing. */
function unjudged(repo: string): Judged {
  return {
    findings: [],
    inherited: [],
    skipped: [],
    warnings: [],
    root: repo,
    rules: [],
    refOf: new Map(),
    commits: 0,
    complete: false,
    stats: { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, findings: 0, rulesRun: 0, durationMs: 0 },
  };
}

/** git's stdin: one `<old> <new> <ref>` line per updated ref. Anything else is refused. */
function parseUpdates(stdin: string): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const line of stdin.split('\n')) {
    if (!line.trim()) continue;
    const match = /^([0-9a-f]{40}|[0-9a-f]{64}) ([0-9a-f]{40}|[0-9a-f]{64}) (refs\/[^\s]+)$/.exec(line.trim());
    if (!match) throw new ConfigError('pre-receive: stdin is not git\'s "<old> <new> <ref>" lines (run hush pre-receive only as a pre-receive hook)');
    updates.push({ oldOid: match[1], newOid: match[2], ref: match[3] });
  }
  return updates;
}

/** `-o hush.allow=<reason>` from git's push options (GIT_PUSH_OPTION_<n>), if given. */
function allowOption(env: NodeJS.ProcessEnv): { reason: string } | undefined {
  const count = Number(env.GIT_PUSH_OPTION_COUNT ?? 0);
  let found: { reason: string } | undefined;
  for (let i = 0; Number.isInteger(count) && i < Math.min(count, 100); i++) {
    const option = env[`GIT_PUSH_OPTION_${i}`] ?? '';
    if (option === ALLOW_OPTION || option.startsWith(`${ALLOW_OPTION}=`))
      found = {
        reason: option
          .slice(ALLOW_OPTION.length + 1)
          .trim()
          .slice(0, MAX_REASON),
      };
  }
  return found;
}

/** Who pushed, as the server names them (GitLab, GitHub Enterprise Server, Gitea/Forgejo, HTTP auth). */
function pusher(env: NodeJS.ProcessEnv): string {
  return env.GL_USERNAME || env.GITHUB_USER_LOGIN || env.GITEA_PUSHER_NAME || env.REMOTE_USER || env.USER || 'unknown';
}

/** Appends one JSON line to the audit log; never through a symlink, never readable by others. */
function recordBypass(policy: ServerPolicy, updates: RefUpdate[], findings: Finding[], reason: string, env: NodeJS.ProcessEnv, overBudget: boolean): void {
  const entry = {
    time: new Date().toISOString(),
    pusher: pusher(env),
    refs: updates.map((u) => ({ ref: u.ref, old: u.oldOid, new: u.newOid })),
    // Fingerprints name where a finding is (commit, path, rule, position), never the secret.
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, rule: f.ruleId, commit: f.commit?.sha, path: f.path, line: f.line })),
    ...(overBudget ? { budgetExceeded: true } : {}),
    reason,
  };
  const fd = openSync(policy.server.bypassLog, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, `${JSON.stringify(entry)}\n`);
  } finally {
    closeSync(fd);
  }
}

function findingLines(findings: Finding[], result: Judged, policy: ServerPolicy): string[] {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  const n = findings.length;
  const lines = [`hush: this push adds ${n} secret${n === 1 ? '' : 's'}${policy.source ? ` (server policy: ${printable(policy.source)})` : ''}:`, ''];
  for (const group of findingsByRule(findings.slice(0, MESSAGE_FINDINGS))) {
    const rule = rules.get(group[0].ruleId);
    lines.push(fit(`  ${printable(group[0].title)}  [${group[0].ruleId}]`), ...wrap(`rotate first: ${guidanceFor(rule).steps[0]}`, '    '));
    for (const f of group) lines.push(findingLine(f, result));
    lines.push('');
  }
  if (n > MESSAGE_FINDINGS) lines.push(`  … and ${n - MESSAGE_FINDINGS} more (hush audit --range <old>..<new> on a clone lists them all)`, '');
  return lines;
}

/** `<ref> <commit> <redacted secret> <path>:<line>`; a long path loses its start, never the rest. */
function findingLine(f: Finding, result: Judged): string {
  const ref = result.refOf.get(f.commit!.sha) ?? '(pushed)';
  const head = `    ${printable(ref)}  ${f.commit!.sha.slice(0, 12)}  ${printable(redact(f.rawSecret))}  `;
  const where = `${printable(f.path)}:${f.line}`;
  const room = Math.max(20, WIDTH - head.length);
  return head + (where.length > room ? `…${where.slice(where.length - room + 1)}` : where);
}

/** Text in lines of at most WIDTH columns, broken at spaces, each starting with `indent`. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** A line as printed: a long one is wrapped at spaces, keeping its indentation. */
function fitted(line: string): string[] {
  if (line.length <= WIDTH) return [line];
  const indent = /^ */.exec(line)![0];
  return wrap(line.slice(indent.length), indent);
}

function fit(line: string): string {
  return line.length > WIDTH ? `${line.slice(0, WIDTH - 1)}…` : line;
}

function removalAdvice(n: number): string[] {
  const them = n === 1 ? 'it' : 'them';
  return [
    `Rotate ${them} first (this server has now seen ${them}), then remove ${them} from the pushed commits:`,
    '  in the last commit:    fix the file, git commit --amend, push again',
    '  in an earlier commit:  git rebase -i <commit>~1, mark it "edit", fix, git rebase --continue',
    '  across a long branch:  git filter-repo --replace-text <file> (hush purge-plan writes one)',
    'A false positive? Add `hush:ignore` on that line or the one before (the push’s own',
    '.hush.json does not count here).',
  ];
}

function budgetLines(result: Judged, policy: ServerPolicy, hasFindings: boolean): string[] {
  const limit = policy.server.timeBudgetMs;
  const what = `hush: this push is too large to judge within the server's ${limit} ms budget (${result.commits} new commit${result.commits === 1 ? '' : 's'} looked at)`;
  if (hasFindings) return [`${what}; the secrets found so far reject it.`];
  if (policy.server.onBudgetExceeded === 'admit')
    return [`${what}; it is admitted unjudged, as server.onBudgetExceeded is "admit". Audit it with hush audit on a clone.`];
  return [
    `${what}; it is rejected, as server.onBudgetExceeded is "reject".`,
    'Push it in smaller parts (a few hundred commits at a time), or ask an admin to raise server.timeBudgetMs.',
  ];
}

function inheritedNote(result: Judged): string[] {
  const n = result.inherited.length;
  if (!n) return [];
  const lines = [
    `hush: note: ${n} secret${n === 1 ? '' : 's'} this push carries ${n === 1 ? 'is' : 'are'} already on ${printable(result.defaultBranch ?? 'the default branch')} (not blocking; rotate ${n === 1 ? 'it' : 'them'} if real):`,
  ];
  for (const f of result.inherited.slice(0, MESSAGE_FINDINGS)) lines.push(findingLine(f, result));
  return lines;
}

function configChangeNote(changes: Finding[]): string[] {
  if (!changes.length) return [];
  return wrap(
    `hush: note [hush.config-change]: this push edits ${changes.map((f) => printable(f.path)).join(' and ')}; the server judges by its own policy, not the push's (not applied).`,
    '',
  );
}

function skippedNote(result: Judged): string[] {
  const { skipped } = result;
  if (!skipped.length) return [];
  const lines = [`hush: note: ${skipped.length} pushed file${skipped.length === 1 ? ' was' : 's were'} not scanned:`];
  for (const s of skipped.slice(0, MESSAGE_FINDINGS)) lines.push(fit(`  ${printable(s.path)}  ${skipReason(s)}`));
  return lines;
}
