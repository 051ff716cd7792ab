// `hush pre-receive` on real git servers on loopback (file://, git daemon, smart HTTP through
// git http-backend), installed with `hush hook install --server`, each case pushed with `git push`.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRules } from '@hush/rules';
import { guidanceFor } from '@hush/scanner';
import { GIT_ENV, commit, git, initRepo } from './git-helpers.js';
import { githubToken, push, startDaemon, startHttp, testPolicy } from './git-servers.js';
import { hushBin, perTestTemp, runHushProcess, tempDir } from './helpers.js';
import { leakedChunk } from './leak-helpers.js';

const temp = perTestTemp();
const RULE = 'github.classic-pat';
const firstStep = guidanceFor(builtinRules().find((r) => r.id === RULE)).steps[0];

/** The hook's lines as the pusher reads them, without git's `remote:` prefixes, joined. */
function said(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('remote: '))
    .map((l) => l.slice('remote: '.length).trimEnd())
    .join('\n');
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** A bare repository under `base` with the hook installed (and `policy` in its hush.json). */
function serverRepo(base: string, name = 'srv.git', policy?: Record<string, unknown>): string {
  const bare = join(base, name);
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare], { env: { ...process.env, ...GIT_ENV } });
  git(bare, 'config', 'receive.advertisePushOptions', 'true');
  git(bare, 'config', 'http.receivepack', 'true');
  writeFileSync(join(bare, 'hush.json'), testPolicy(policy));
  const installed = runHushProcess(['hook', 'install', '--server'], bare);
  expect(installed.stderr).toBe('');
  expect(installed.code).toBe(0);
  return bare;
}

/** A client clone-to-be with one clean commit on main, pointing at `url`. */
function client(url: string): string {
  const work = initRepo(temp.dir('hush-pr-work-'));
  commit(work, { 'README.md': '# service\n', 'src/app.js': 'export const port = 8080;\n' }, 'initial');
  git(work, 'remote', 'add', 'origin', url);
  return work;
}

const tip = (bare: string, ref: string) => spawnSync('git', ['rev-parse', '--verify', '--quiet', ref], { cwd: bare, encoding: 'utf8' }).stdout.trim();

/** The checks of a rejected secret push: every item of the message, and no secret in it. */
function expectRejectedSecret(result: { code: number; stderr: string }, secret: string, ref: string, sha: string, path: string, line: number): void {
  expect(result.code).not.toBe(0);
  const text = said(result.stderr);
  expect(flat(text)).toContain('this push adds 1 secret');
  expect(text).toMatch(new RegExp(`${ref}\\s+${sha.slice(0, 12)}\\s+\\S+\\s+${path.replace('.', '\\.')}:${line}`));
  expect(flat(text)).toContain(`[${RULE}]`);
  expect(flat(text)).toContain(flat(`rotate first: ${firstStep}`));
  expect(flat(text)).toContain('git commit --amend');
  expect(flat(text)).toContain('git rebase -i');
  expect(flat(text)).toContain('git filter-repo');
  expect(result.stderr).toContain('pre-receive hook declined');
  expect(leakedChunk(result.stderr, secret)).toBeUndefined();
}

/** Each server: where its repositories live, their URLs, and the pusher name its hooks see. */
const servers: Array<[string, () => Promise<{ base: string; url: (name: string) => string; stop: () => Promise<void>; pusher: string }>]> = [
  [
    'file://',
    () => {
      const made = tempDir('hush-pr-file-');
      return Promise.resolve({
        base: made.path,
        url: (name: string) => `file://${join(made.path, name)}`,
        stop: () => Promise.resolve(made.cleanup()),
        pusher: 'gl-alice',
      });
    },
  ],
  [
    'git daemon (git://)',
    async () => {
      const made = tempDir('hush-pr-daemon-');
      const server = await startDaemon(made.path);
      return { base: made.path, url: server.url, stop: async () => (await server.stop(), made.cleanup()), pusher: process.env.USER || 'unknown' };
    },
  ],
  [
    'smart HTTP (git http-backend)',
    async () => {
      const made = tempDir('hush-pr-http-');
      const server = await startHttp(made.path, 'http-bob');
      return { base: made.path, url: server.url, stop: async () => (await server.stop(), made.cleanup()), pusher: 'http-bob' };
    },
  ],
];

describe.each(servers)('hush pre-receive over %s', (_name, start) => {
  let server: Awaited<ReturnType<typeof start>>;
  let n = 0;
  beforeAll(async () => void (server = await start()));
  afterAll(async () => server?.stop());
  const fresh = (policy?: Record<string, unknown>) => {
    const name = `repo${++n}.git`;
    const bare = serverRepo(server.base, name, policy);
    return { bare, work: client(server.url(name)) };
  };

  it('accepts a clean push and updates the ref', async () => {
    const { bare, work } = fresh();
    const result = await push(work, ['origin', 'main']);
    expect(result.code, result.stderr).toBe(0);
    expect(said(result.stderr)).toBe('');
    expect(tip(bare, 'refs/heads/main')).toBe(git(work, 'rev-parse', 'HEAD'));
  });

  it('rejects a push that adds a secret, naming ref, commit, path, line, rule, rotation and removal', async () => {
    const { bare, work } = fresh();
    const secret = githubToken();
    const sha = commit(work, { 'config/deploy.env': `REGION=eu\nGITHUB_TOKEN=${secret}\n` }, 'deploy settings');
    const result = await push(work, ['origin', 'main']);
    expectRejectedSecret(result, secret, 'refs/heads/main', sha, 'config/deploy.env', 2);
    expect(tip(bare, 'refs/heads/main')).toBe('');
  });

  it('break-glass over this transport: let through, logged with the pusher as the server names them', async () => {
    const { bare, work } = fresh({ server: { allowBypass: true } });
    const secret = githubToken();
    const sha = commit(work, { 'hotfix.env': `GITHUB_TOKEN=${secret}\n` }, 'hotfix');
    // file://: receive-pack runs with the pusher's environment; HTTP: the web server's REMOTE_USER;
    // git daemon: no name at all, so the account the hook runs as.
    const result = await push(work, ['-o', 'hush.allow=urgent', 'origin', 'main'], { GL_USERNAME: 'gl-alice' });
    expect(result.code, result.stderr).toBe(0);
    expect(tip(bare, 'refs/heads/main')).toBe(sha);
    const entry = JSON.parse(readFileSync(join(bare, 'hush-bypass.log'), 'utf8'));
    expect(entry.pusher).toBe(server.pusher);
    expect(entry.reason).toBe('urgent');
    expect(entry.findings).toHaveLength(1);
  });

  it('judges several refs in one push: one bad ref rejects them all, and names itself', async () => {
    const { bare, work } = fresh();
    expect((await push(work, ['origin', 'main'])).code).toBe(0);
    commit(work, { 'docs/notes.md': 'notes\n' }, 'docs');
    git(work, 'checkout', '-q', '-b', 'feature');
    const secret = githubToken();
    const sha = commit(work, { 'feature.env': `TOKEN=${secret}\n` }, 'feature');
    git(work, 'checkout', '-q', 'main');
    git(work, 'tag', 'v1');
    const result = await push(work, ['origin', 'main', 'feature', 'v1']);
    expectRejectedSecret(result, secret, 'refs/heads/feature', sha, 'feature.env', 1);
    expect(tip(bare, 'refs/heads/feature')).toBe('');
    expect(tip(bare, 'refs/tags/v1')).toBe('');
    // Without the bad ref the same push goes through.
    const clean = await push(work, ['origin', 'main', 'v1']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(tip(bare, 'refs/tags/v1')).toBe(git(work, 'rev-parse', 'main'));
  });
});

describe('hush pre-receive policy (file://)', () => {
  const fresh = async (policy?: Record<string, unknown>, seed?: (work: string) => void) => {
    const base = temp.dir('hush-pr-');
    const bare = join(base, 'srv.git');
    const url = `file://${bare}`;
    if (seed) {
      // History that predates the hook: pushed before it is installed.
      execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare], { env: { ...process.env, ...GIT_ENV } });
      const work = client(url);
      seed(work);
      expect((await push(work, ['origin', '--all'])).code).toBe(0);
      git(bare, 'config', 'receive.advertisePushOptions', 'true');
      writeFileSync(join(bare, 'hush.json'), testPolicy(policy));
      expect(runHushProcess(['hook', 'install', '--server'], bare).code).toBe(0);
      return { bare, work };
    }
    serverRepo(base, 'srv.git', policy);
    return { bare, work: client(url) };
  };

  it('accepts, with a note, a new branch carrying a secret that main already has', async () => {
    const secret = githubToken();
    const { bare, work } = await fresh(undefined, (w) => commit(w, { 'ops/ci.env': `GITHUB_TOKEN=${secret}\n` }, 'ci token'));
    git(work, 'checkout', '-q', '-b', 'copy', 'HEAD~1');
    commit(work, { 'tools/release.env': `GITHUB_TOKEN=${secret}\n` }, 'same token elsewhere');
    const result = await push(work, ['origin', 'copy']);
    expect(result.code, result.stderr).toBe(0);
    const text = said(result.stderr);
    expect(flat(text)).toContain('note: 1 secret this push carries is already on refs/heads/main (not blocking');
    expect(flat(text)).toContain('tools/release.env:1');
    expect(leakedChunk(result.stderr, secret)).toBeUndefined();
    expect(tip(bare, 'refs/heads/copy')).toBe(git(work, 'rev-parse', 'HEAD'));
  });

  it('rejects a force push that re-adds a removed secret', async () => {
    const secret = githubToken();
    const { bare, work } = await fresh(undefined, (w) => {
      commit(w, { 'app.env': `TOKEN=${secret}\n` }, 'oops');
      commit(w, { 'app.env': 'TOKEN=${TOKEN_FROM_VAULT}\n' }, 'rotate out');
    });
    git(work, 'reset', '-q', '--hard', 'HEAD~2');
    const sha = commit(work, { 'app.env': `TOKEN=${secret}\nDEBUG=1\n` }, 'redo');
    const result = await push(work, ['--force', 'origin', 'main']);
    expectRejectedSecret(result, secret, 'refs/heads/main', sha, 'app.env', 1);
    expect(tip(bare, 'refs/heads/main')).not.toBe(sha);
  });

  it('rejects a secret pushed with an allow-all .hush.json, which is named as a config change and not obeyed', async () => {
    const { bare, work } = await fresh();
    const secret = githubToken();
    const sha = commit(
      work,
      { '.hush.json': JSON.stringify({ allow: { paths: ['**'] }, disable: [RULE] }), 'svc.env': `GITHUB_TOKEN=${secret}\n` },
      'allow everything',
    );
    const result = await push(work, ['origin', 'main']);
    expectRejectedSecret(result, secret, 'refs/heads/main', sha, 'svc.env', 1);
    expect(flat(said(result.stderr))).toContain('[hush.config-change]: this push edits .hush.json');
    expect(tip(bare, 'refs/heads/main')).toBe('');
  });

  it('accepts a push that only edits .hush.json, with a config-change note', async () => {
    const { work } = await fresh();
    commit(work, { '.hush.json': JSON.stringify({ allow: { paths: ['fixtures/**'] } }) }, 'config');
    const result = await push(work, ['origin', 'main']);
    expect(result.code, result.stderr).toBe(0);
    expect(flat(said(result.stderr))).toContain('[hush.config-change]');
  });

  it('tag-only pushes: tags of existing commits pass; an annotated tag of a new secret commit is rejected', async () => {
    const { bare, work } = await fresh();
    expect((await push(work, ['origin', 'main'])).code).toBe(0);
    git(work, 'tag', 'light');
    git(work, 'tag', '-a', '-m', 'release 1', 'v1');
    const tags = await push(work, ['origin', 'light', 'v1']);
    expect(tags.code, tags.stderr).toBe(0);
    expect(tip(bare, 'refs/tags/v1')).toBe(git(work, 'rev-parse', 'v1'));
    const secret = githubToken();
    git(work, 'checkout', '-q', '--detach');
    const sha = commit(work, { 'release.env': `GITHUB_TOKEN=${secret}\n` }, 'release with token');
    git(work, 'tag', '-a', '-m', 'release 2', 'v2');
    const result = await push(work, ['origin', 'v2']);
    expectRejectedSecret(result, secret, 'refs/tags/v2', sha, 'release.env', 1);
    expect(tip(bare, 'refs/tags/v2')).toBe('');
  });

  it('lets a deletion through, even of a branch that holds a secret', async () => {
    const secret = githubToken();
    const { bare, work } = await fresh(undefined, (w) => {
      git(w, 'checkout', '-q', '-b', 'old');
      commit(w, { 'leak.env': `GITHUB_TOKEN=${secret}\n` }, 'leak');
      git(w, 'checkout', '-q', 'main');
    });
    expect(tip(bare, 'refs/heads/old')).not.toBe('');
    const result = await push(work, ['origin', ':old']);
    expect(result.code, result.stderr).toBe(0);
    expect(tip(bare, 'refs/heads/old')).toBe('');
  });

  it('break-glass: allowed and logged when the server allows it', async () => {
    const { bare, work } = await fresh({ server: { allowBypass: true } });
    const secret = githubToken();
    const sha = commit(work, { 'hotfix.env': `GITHUB_TOKEN=${secret}\n` }, 'hotfix');
    // Without the option the push is rejected, and the way through is named.
    const plain = await push(work, ['origin', 'main']);
    expect(plain.code).not.toBe(0);
    expect(flat(said(plain.stderr))).toContain('Only if it cannot wait: git push -o hush.allow="<reason>" lets it through');
    expect(existsSync(join(bare, 'hush-bypass.log'))).toBe(false);
    const result = await push(work, ['-o', 'hush.allow=incident 4711: outage fix', 'origin', 'main'], { GL_USERNAME: 'alice' });
    expect(result.code, result.stderr).toBe(0);
    expect(flat(said(result.stderr))).toContain('break-glass: the push is let through (hush.allow: incident 4711: outage fix)');
    expect(tip(bare, 'refs/heads/main')).toBe(sha);
    const log = readFileSync(join(bare, 'hush-bypass.log'), 'utf8');
    const lines = log.trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry.pusher).toBe('alice');
    expect(entry.reason).toBe('incident 4711: outage fix');
    expect(entry.refs).toEqual([{ ref: 'refs/heads/main', old: '0'.repeat(40), new: sha }]);
    expect(entry.findings).toHaveLength(1);
    expect(entry.findings[0]).toMatchObject({ rule: RULE, commit: sha, path: 'hotfix.env', line: 1 });
    expect(entry.findings[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(entry.time)).not.toBeNaN();
    expect(leakedChunk(log, secret)).toBeUndefined();
  });

  it('break-glass: refused, and nothing logged, when the server does not allow it', async () => {
    const { bare, work } = await fresh();
    const secret = githubToken();
    commit(work, { 'hotfix.env': `GITHUB_TOKEN=${secret}\n` }, 'hotfix');
    const result = await push(work, ['-o', 'hush.allow=please', 'origin', 'main']);
    expect(result.code).not.toBe(0);
    expect(flat(said(result.stderr))).toContain('-o hush.allow is refused: this server does not allow break-glass');
    expect(tip(bare, 'refs/heads/main')).toBe('');
    expect(existsSync(join(bare, 'hush-bypass.log'))).toBe(false);
  });

  /** A long history (an initial import) written with fast-import: `count` commits, each adding a file. */
  function longImport(work: string, count: number): void {
    const lines: string[] = [];
    for (let i = 1; i <= count; i++) {
      const body = `module ${i}\nexport const value${i} = ${i};\n`;
      lines.push(
        'commit refs/heads/main',
        `committer Test Author <author@example.com> ${1700000000 + i} +0000`,
        `data ${`import ${i}`.length}`,
        `import ${i}`,
        ...(i === 1 ? [] : ['from refs/heads/main^0']),
        `M 100644 inline src/module${i}.js`,
        `data ${Buffer.byteLength(body)}`,
        body,
      );
    }
    git(work, 'checkout', '-q', '--orphan', 'scratch');
    execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: work, input: `${lines.join('\n')}\n`, env: { ...process.env, ...GIT_ENV } });
  }

  it('time budget: a long import that cannot be judged in time is rejected by default, saying why', async () => {
    const { bare, work } = await fresh({ server: { timeBudgetMs: 100 } });
    longImport(work, 1500);
    const result = await push(work, ['origin', 'main']);
    expect(result.code).not.toBe(0);
    const text = said(result.stderr);
    expect(flat(text)).toContain("too large to judge within the server's 100 ms budget");
    expect(flat(text)).toContain('it is rejected, as server.onBudgetExceeded is "reject"');
    expect(tip(bare, 'refs/heads/main')).toBe('');
  });

  it('time budget: with onBudgetExceeded "admit" the same import is admitted, saying so', async () => {
    const { bare, work } = await fresh({ server: { timeBudgetMs: 100, onBudgetExceeded: 'admit' } });
    longImport(work, 1500);
    const result = await push(work, ['origin', 'main']);
    expect(result.code, result.stderr).toBe(0);
    expect(flat(said(result.stderr))).toContain('it is admitted unjudged, as server.onBudgetExceeded is "admit"');
    expect(tip(bare, 'refs/heads/main')).toBe(git(work, 'rev-parse', 'main'));
  });

  it('never blocks pushes that only move history: rebase of main onto itself, merge of an existing branch, tag of an existing commit', async () => {
    const secret = githubToken();
    const { bare, work } = await fresh(undefined, (w) => {
      commit(w, { 'a.env': `GITHUB_TOKEN=${secret}\n` }, 'token');
      commit(w, { 'a.env': 'GITHUB_TOKEN=\n' }, 'token removed');
      commit(w, { 'b.txt': 'b\n' }, 'b');
      git(w, 'checkout', '-q', '-b', 'topic', 'HEAD~3');
      commit(w, { 'topic.env': `OTHER=${githubToken()}\n` }, 'topic token');
      git(w, 'checkout', '-q', 'main');
    });
    // Every commit since the first rewritten with the same changes.
    git(work, 'rebase', '-q', '--force-rebase', 'HEAD~3');
    const rebased = await push(work, ['--force', 'origin', 'main']);
    expect(rebased.code, rebased.stderr).toBe(0);
    expect(tip(bare, 'refs/heads/main')).toBe(git(work, 'rev-parse', 'HEAD'));
    git(work, 'merge', '-q', '--no-ff', '--no-edit', 'topic');
    const merged = await push(work, ['origin', 'main']);
    expect(merged.code, merged.stderr).toBe(0);
    git(work, 'tag', '-a', '-m', 'old', 'v0', 'topic');
    const tagged = await push(work, ['origin', 'v0']);
    expect(tagged.code, tagged.stderr).toBe(0);
  });

  it('reads its policy from the server (hush.json in the git dir), never from the push', async () => {
    const { work } = await fresh({ disable: [RULE] });
    commit(work, { 'svc.env': `GITHUB_TOKEN=${githubToken()}\n` }, 'token under a policy that disables the rule');
    expect((await push(work, ['origin', 'main'])).code).toBe(0);
  });

  it("accepts what the server's own baseline accepts (server.baseline), through the post-scan stage", async () => {
    const secret = githubToken();
    const { bare, work } = await fresh({ server: { baseline: 'accepted.json' } });
    commit(work, { 'legacy.env': `GITHUB_TOKEN=${secret}\n` }, 'known test token');
    // The server's admin baselines it (hush baseline on a checkout), and keeps the file on the server.
    const made = join(temp.dir('hush-pr-baseline-'), 'accepted.json');
    expect(runHushProcess(['baseline', '-o', made], work).code).toBe(0);
    writeFileSync(join(bare, 'accepted.json'), readFileSync(made));
    const result = await push(work, ['origin', 'main']);
    expect(result.code, result.stderr).toBe(0);
    // Another secret is still rejected.
    commit(work, { 'new.env': `GITHUB_TOKEN=${githubToken()}\n` }, 'another');
    expect((await push(work, ['origin', 'main'])).code).not.toBe(0);
  });

  it('names at most 20 findings, then a count', async () => {
    const { work } = await fresh();
    const files: Record<string, string> = {};
    for (let i = 0; i < 25; i++) files[`keys/k${String(i).padStart(2, '0')}.env`] = `GITHUB_TOKEN=${githubToken()}\n`;
    commit(work, files, 'many');
    const result = await push(work, ['origin', 'main']);
    expect(result.code).not.toBe(0);
    const text = said(result.stderr);
    expect(flat(text)).toContain('this push adds 25 secrets');
    expect(text.match(/keys\/k\d+\.env:1/g)).toHaveLength(20);
    expect(flat(text)).toContain('… and 5 more');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('hush hook install --server', () => {
  it('chains an existing pre-receive hook (same stdin, can still reject), reports status, and restores it', async () => {
    const base = temp.dir('hush-pr-install-');
    const bare = join(base, 'srv.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    const existing = join(bare, 'hooks', 'pre-receive');
    const seen = join(base, 'seen.txt');
    const original = `#!/bin/sh\ncat > '${seen}'\ngrep -q refs/heads/blocked '${seen}' && { echo "site policy: no blocked branch" >&2; exit 1; }\nexit 0\n`;
    writeFileSync(existing, original);
    chmodSync(existing, 0o750);
    writeFileSync(join(bare, 'hush.json'), testPolicy());
    const installed = runHushProcess(['hook', 'install', '--server', '--git-dir', bare], base);
    expect(installed.stdout).toContain('the existing hook still runs first');
    expect(runHushProcess(['hook', 'status', '--server'], bare).stdout).toMatch(/^installed: .*pre-receive.*chained to the original hook/);
    const work = client(`file://${bare}`);
    const ok = await push(work, ['origin', 'main']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(seen, 'utf8')).toContain(`${'0'.repeat(40)} ${git(work, 'rev-parse', 'HEAD')} refs/heads/main`);
    const blocked = await push(work, ['origin', 'main:blocked']);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('site policy: no blocked branch');
    expect(runHushProcess(['hook', 'install', '--server'], bare).stdout).toContain('already installed');
    expect(runHushProcess(['hook', 'uninstall', '--server'], bare).stdout).toContain('original hook restored');
    expect(readFileSync(existing, 'utf8')).toBe(original);
    expect(spawnSync('stat', ['-c', '%a', existing], { encoding: 'utf8' }).stdout.trim()).toBe('750');
    expect(runHushProcess(['hook', 'status', '--server'], bare).stdout).toMatch(/^not installed/);
  });

  it('writes a hook script that names a policy file given with --config', async () => {
    const base = temp.dir('hush-pr-install-');
    const bare = join(base, 'srv.git');
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    const policy = join(base, 'policy dir', 'server.json');
    execFileSync('mkdir', ['-p', join(base, 'policy dir')]);
    writeFileSync(policy, testPolicy({ disable: [RULE] }));
    expect(runHushProcess(['hook', 'install', '--server', '--config', policy], bare).code).toBe(0);
    expect(runHushProcess(['hook', 'status', '--server'], bare).stdout).toContain(`policy: ${policy}`);
    const work = client(`file://${bare}`);
    commit(work, { 'svc.env': `GITHUB_TOKEN=${githubToken()}\n` }, 'token the named policy allows');
    const result = await push(work, ['origin', 'main']);
    expect(result.code, result.stderr).toBe(0);
  });

  it('refuses what it cannot do with one line and exit 2', () => {
    const dir = temp.dir('hush-pr-install-');
    const notRepo = runHushProcess(['hook', 'install', '--server'], dir);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr.trim().split('\n')).toHaveLength(1);
    expect(runHushProcess(['hook', 'run', '--server'], dir).code).toBe(2);
    expect(runHushProcess(['hook', 'status', '--git-dir', dir], dir).code).toBe(2);
    const outside = spawnSync(hushBin, ['pre-receive'], { cwd: dir, input: '', encoding: 'utf8' });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^hush: not a git repository: .*\n$/);
    const garbage = spawnSync(hushBin, ['pre-receive'], { cwd: dir, input: 'not a ref update\n', encoding: 'utf8' });
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toMatch(/^hush: pre-receive: stdin is not git's/);
    expect(garbage.stderr.trim().split('\n')).toHaveLength(1);
  });
});
