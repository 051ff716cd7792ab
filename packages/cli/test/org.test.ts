// Org-wide audits end to end, on loopback only: stand-in GitHub and GitLab APIs (pagination, one
// rate-limit answer each), a real `git daemon` serving 30 generated repositories (four share one
// planted secret, one is corrupt), four shard processes, a shard killed and rerun, and the merge.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commit, git, initRepo } from '../../../test-support/git.js';
import { multitoolErrors, sarifSchemaErrors } from './helpers.js';
import { hushBin, repoRoot, tempDir } from '../../../test-support/helpers.js';
import { closedPort, mockProvider, runHushAsync, type MockProvider } from '../../../test-support/provider-mock.js';
import { schemaErrors } from './report-schemas.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A well-formed GitHub token (random body, valid CRC32 check digits), new each run. */
function githubToken(): string {
  let body = '';
  for (const byte of randomBytes(30)) body += BASE62[byte % 62];
  let n = crc32(body);
  let check = '';
  while (n > 0) {
    check = BASE62[n % 62] + check;
    n = Math.floor(n / 62);
  }
  return `ghp_${body}${check.padStart(6, '0')}`;
}

const REPOSITORIES = Array.from({ length: 30 }, (_, i) => `acme/repo-${String(i).padStart(2, '0')}`);
/** Hold the shared secret: in the tree of three, only in the history of one. */
const SHARED_IN_TREE = ['acme/repo-03', 'acme/repo-12', 'acme/repo-21'];
const SHARED_IN_HISTORY = 'acme/repo-07';
const UNIQUE_HOLDER = 'acme/repo-05';
const BROKEN = 'acme/repo-29';
const ARCHIVED = 'acme/repo-28';
const FORK = 'acme/fork-of-tools';
const ORG_KEY = randomBytes(32).toString('hex');
const SHARED_SECRET = githubToken();
const UNIQUE_SECRET = githubToken();

let base: { path: string; cleanup: () => void };
let work: { path: string; cleanup: () => void };
let daemon: ChildProcess;
let gitUrl: string;

async function freePort(): Promise<number> {
  return Number(new URL(await closedPort()).port);
}

function makeRepositories(root: string): void {
  for (const [i, name] of REPOSITORIES.entries()) {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    initRepo(dir);
    commit(dir, { 'README.md': `# ${name}\n`, 'src/index.js': `export const answer = ${i};\n` }, 'first');
    if (SHARED_IN_TREE.includes(name)) commit(dir, { 'config/deploy.env': `GITHUB_TOKEN=${SHARED_SECRET}\n` }, 'deploy settings');
    if (name === SHARED_IN_HISTORY) {
      commit(dir, { 'scripts/ci.sh': `export GITHUB_TOKEN=${SHARED_SECRET}\n` }, 'ci');
      commit(dir, { 'scripts/ci.sh': 'export GITHUB_TOKEN="$CI_TOKEN"\n' }, 'use the CI variable');
    }
    if (name === UNIQUE_HOLDER) commit(dir, { 'tools/release.py': `TOKEN = "${UNIQUE_SECRET}"\n` }, 'release');
    commit(dir, { 'src/more.js': `export const more = ${i * 2};\n` }, 'more');
    if (name === BROKEN) {
      // Corrupt: a blob HEAD needs is gone, so the server cannot pack the repository.
      const blob = git(dir, 'rev-parse', 'HEAD:src/more.js');
      unlinkSync(join(dir, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    }
  }
}

async function startDaemon(root: string): Promise<string> {
  const port = await freePort();
  daemon = spawn('git', ['daemon', '--export-all', '--reuseaddr', `--base-path=${root}`, '--listen=127.0.0.1', `--port=${port}`, root], { stdio: 'ignore' });
  const url = `git://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      git(root, 'ls-remote', `${url}/acme/repo-00`);
      return url;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('git daemon did not start');
}

function githubRepo(name: string) {
  return {
    full_name: name,
    clone_url: `${gitUrl}/${name}`,
    default_branch: 'main',
    size: 10 + Number(name.slice(-2)) || 5,
    archived: name === ARCHIVED,
    fork: false,
  };
}

const PAGE = 10;

/** GitHub's shape: pages linked by `Link: rel="next"`, and one 403 with an exhausted rate limit. */
async function standInGitHub(): Promise<MockProvider & { limited: number }> {
  const state = { limited: 0 };
  const repos = [...REPOSITORIES.map(githubRepo), { ...githubRepo(FORK), fork: true }];
  const mock = await mockProvider((req) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname !== '/api/v3/orgs/acme/repos') return { status: 404, body: { message: 'Not Found' } };
    const page = Number(url.searchParams.get('page') ?? '1');
    if (page === 2 && state.limited === 0) {
      state.limited++;
      return {
        status: 403,
        body: { message: 'API rate limit exceeded' },
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
      };
    }
    const slice = repos.slice((page - 1) * PAGE, page * PAGE);
    const next: Record<string, string> =
      page * PAGE < repos.length ? { link: `<${mock.url}/api/v3/orgs/acme/repos?type=all&per_page=100&page=${page + 1}>; rel="next"` } : {};
    return { status: 200, body: slice, headers: next };
  });
  return {
    url: mock.url,
    requests: mock.requests,
    close: () => mock.close(),
    get limited() {
      return state.limited;
    },
  };
}

/** GitLab's shape: `x-next-page`, statistics in bytes, one 429 with Retry-After. */
async function standInGitLab(): Promise<MockProvider> {
  let limited = false;
  const projects = REPOSITORIES.map((name) => ({
    path_with_namespace: name,
    http_url_to_repo: `${gitUrl}/${name}`,
    default_branch: 'main',
    archived: name === ARCHIVED,
    statistics: { repository_size: 20480 },
  }));
  return mockProvider((req) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname !== '/api/v4/groups/acme/projects') return { status: 404, body: { message: '404 Group Not Found' } };
    const page = Number(url.searchParams.get('page') ?? '1');
    if (page === 3 && !limited) {
      limited = true;
      return { status: 429, body: { message: 'Retry later' }, headers: { 'retry-after': '1' } };
    }
    const next: Record<string, string> = page * PAGE < projects.length ? { 'x-next-page': String(page + 1) } : {};
    return { status: 200, body: projects.slice((page - 1) * PAGE, page * PAGE), headers: next };
  });
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function results(dir: string): Array<{
  repository: { name: string };
  status: string;
  finishedAt: string;
  head?: string;
  attempts: number;
  error?: string;
  report?: { findings: Array<{ secretHash: string }> };
}> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}

const runEnv = { HUSH_ORG_KEY: ORG_KEY, GITHUB_TOKEN: '', GITLAB_TOKEN: '', AZURE_DEVOPS_PAT: '' };

beforeAll(async () => {
  base = tempDir('hush-org-repos-');
  work = tempDir('hush-org-work-');
  makeRepositories(base.path);
  gitUrl = await startDaemon(base.path);
}, 120_000);

afterAll(() => {
  daemon?.kill();
  base?.cleanup();
  work?.cleanup();
});

describe('hush org inventory', () => {
  it('lists every repository of a GitHub organisation across pages, waiting out the rate limit', async () => {
    const api = await standInGitHub();
    try {
      const token = `ghp_${randomBytes(8).toString('hex')}`;
      const out = join(work.path, 'github.jsonl');
      const run = await runHushAsync(['org', 'inventory', '--github', 'acme', '--api', `${api.url}/api/v3`, '-o', out], repoRoot, { GITHUB_TOKEN: token });
      expect(run.stderr).toContain('rate limited by 127.0.0.1');
      expect(run.stderr).toMatch(/listed 10 repositories/);
      expect(run.code, run.stderr).toBe(0);
      const entries = readJsonl(out);
      // The fork is left out by default; the archived repository is in, and says so.
      expect(entries.map((e) => e.name)).toEqual(REPOSITORIES);
      expect(entries.find((e) => e.name === ARCHIVED)).toMatchObject({ archived: true, fork: false, defaultBranch: 'main', provider: 'github' });
      expect(entries[3]).toMatchObject({ cloneUrl: `${gitUrl}/acme/repo-03`, size: 13 });
      // Pages 1, 2 (rate limited), 2 again, 3, 4.
      expect(api.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('page') ?? '1')).toEqual(['1', '2', '2', '3', '4']);
      expect(api.limited).toBe(1);
      expect(api.requests.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
      expect(run.stderr + run.stdout).not.toContain(token);

      const filtered = await runHushAsync(['org', 'inventory', '--github', 'acme', '--api', `${api.url}/api/v3`, '--forks', '--no-archived'], repoRoot, runEnv);
      expect(filtered.code, filtered.stderr).toBe(0);
      const names = filtered.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { name: string }).name);
      expect(names).toContain(FORK);
      expect(names).not.toContain(ARCHIVED);
      expect(names).toHaveLength(30);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('lists a GitLab group with x-next-page pagination and honours Retry-After', async () => {
    const api = await standInGitLab();
    try {
      const token = `glpat-${randomBytes(10).toString('hex')}`;
      const started = Date.now();
      const run = await runHushAsync(['org', 'inventory', '--gitlab', 'acme', '--api', `${api.url}/api/v4`], repoRoot, { GITLAB_TOKEN: token });
      expect(run.code, run.stderr).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(run.stderr).toContain('rate limited by 127.0.0.1');
      const entries = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { name: string; size: number; provider: string });
      expect(entries.map((e) => e.name)).toEqual(REPOSITORIES);
      expect(entries[0]).toMatchObject({ size: 20, provider: 'gitlab' });
      expect(api.requests.every((r) => r.headers['private-token'] === token)).toBe(true);
      expect(run.stderr + run.stdout).not.toContain(token);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('lists an Azure DevOps organisation across continuation tokens, with the PAT as Basic auth', async () => {
    const repos = REPOSITORIES.map((name, i) => ({
      name: name.split('/')[1],
      remoteUrl: `${gitUrl}/${name}`,
      defaultBranch: 'refs/heads/main',
      size: 4096,
      isDisabled: name === ARCHIVED,
      project: { name: i < 15 ? 'web' : 'données' },
    }));
    const api = await mockProvider((req) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (url.pathname !== '/acme/_apis/git/repositories') return { status: 404, body: { message: 'nope' } };
      const first = url.searchParams.get('continuationToken') === null;
      return {
        status: 200,
        body: { value: first ? repos.slice(0, 20) : repos.slice(20) },
        headers: first ? { 'x-ms-continuationtoken': 'page-2' } : undefined,
      };
    });
    try {
      const pat = randomBytes(12).toString('hex');
      const run = await runHushAsync(['org', 'inventory', '--azure-devops', 'acme', '--api', api.url], repoRoot, { AZURE_DEVOPS_PAT: pat });
      expect(run.code, run.stderr).toBe(0);
      const entries = run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { name: string; defaultBranch: string; size: number });
      // The disabled repository (it cannot be cloned) is left out.
      expect(entries).toHaveLength(29);
      expect(entries.map((e) => e.name)).not.toContain(`données/${ARCHIVED.split('/')[1]}`);
      expect(entries[0]).toMatchObject({ name: 'données/repo-15', defaultBranch: 'main', size: 4 });
      expect(api.requests).toHaveLength(2);
      expect(api.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`:${pat}`).toString('base64')}`);
      expect(run.stderr + run.stdout).not.toContain(pat);
      const noToken = await runHushAsync(['org', 'inventory', '--azure-devops', 'acme', '--api', api.url], repoRoot, runEnv);
      expect(noToken).toMatchObject({ code: 2, stdout: '' });
      expect(api.requests).toHaveLength(2);
    } finally {
      await api.close();
    }
  });

  it('refuses plain http to a host that is not loopback, and a provider that answers an error, in one line', async () => {
    const insecure = await runHushAsync(['org', 'inventory', '--github', 'acme', '--api', 'http://api.example.com'], repoRoot, runEnv);
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toBe('hush: --api must be https:// (plain http:// only for loopback hosts)\n');
    const api = await standInGitHub();
    try {
      const missing = await runHushAsync(['org', 'inventory', '--github', 'nobody', '--api', `${api.url}/api/v3`], repoRoot, runEnv);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^hush: 127\.0\.0\.1:\d+ answered 404 for \/api\/v3\/orgs\/nobody\/repos: Not Found\n$/);
    } finally {
      await api.close();
    }
    // A next-page link to another host would carry the token there: refused.
    const elsewhere = await mockProvider(() => ({
      status: 200,
      body: [githubRepo('acme/repo-00')],
      headers: { link: '<http://localhost:9/orgs/acme/repos?page=2>; rel="next"' },
    }));
    try {
      const run = await runHushAsync(['org', 'inventory', '--github', 'acme', '--api', elsewhere.url], repoRoot, {
        ...runEnv,
        GITHUB_TOKEN: 'ghp_not-for-another-host',
      });
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(/hush: the API's next page points at another host \(http:\/\/localhost:9\)\n$/);
      expect(elsewhere.requests).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('hush org: every argument is checked before anything runs', () => {
  it('answers each bad command line with exit 2 and one line, writes nothing and never prints the key', async () => {
    const dir = join(work.path, 'bad-args');
    mkdirSync(dir, { recursive: true });
    const good = join(dir, 'repos.jsonl');
    writeFileSync(good, `${JSON.stringify({ name: 'acme/a', cloneUrl: 'git://127.0.0.1:1/acme/a' })}\n`);
    const badLine = join(dir, 'bad.jsonl');
    writeFileSync(badLine, `${JSON.stringify({ name: 'acme/a', cloneUrl: 'x' })}\n{not json\n`);
    const twice = join(dir, 'twice.jsonl');
    writeFileSync(twice, `${JSON.stringify({ name: 'acme/a', cloneUrl: 'x' })}\n${JSON.stringify({ name: 'acme/a', cloneUrl: 'y' })}\n`);
    const aFile = join(dir, 'a-file');
    writeFileSync(aFile, '');
    const notResults = join(dir, 'not-results');
    mkdirSync(notResults);
    writeFileSync(join(notResults, 'x.json'), '{"kind":"something else"}');
    const out = join(dir, 'out');
    const run = ['org', 'run', '--inventory', good, '--out', out];
    const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
      [[...run, '--shard', '0'], runEnv, /^hush: name the number of shards: --of N, or HUSH_ORG_SHARDS in the environment$/],
      [[...run, '--of', '2'], runEnv, /^hush: name the shard: --shard I, or HUSH_ORG_SHARD \/ JOB_COMPLETION_INDEX in the environment$/],
      [[...run, '--shard', '2', '--of', '2'], runEnv, /^hush: shard 2 does not exist: shards are numbered 0 to 1$/],
      [[...run, '--shard', '-1', '--of', '2'], runEnv, /^hush: --shard must be a whole number of 0 or more/],
      [[...run, '--shard', '0', '--of', '0'], runEnv, /^hush: --of must be a whole number of 1 or more \(got "0"\)$/],
      [run, { ...runEnv, JOB_COMPLETION_INDEX: 'one', HUSH_ORG_SHARDS: '4' }, /^hush: JOB_COMPLETION_INDEX must be a whole number of 0 or more \(got "one"\)$/],
      [[...run, '--shard', '0', '--of', '1'], { ...runEnv, HUSH_ORG_KEY: '' }, /^hush: HUSH_ORG_KEY is not set/],
      [[...run, '--shard', '0', '--of', '1'], { ...runEnv, HUSH_ORG_KEY: 'short-key' }, /^hush: HUSH_ORG_KEY must be at least 16 characters$/],
      [[...run, '--shard', '0', '--of', '1', '--retries', 'many'], runEnv, /^hush: --retries must be a whole number of 0 or more \(got "many"\)$/],
      [['org', 'run', '--inventory', badLine, '--out', out, '--shard', '0', '--of', '1'], runEnv, /^hush: .*bad\.jsonl:2: not a JSON line$/],
      [['org', 'run', '--inventory', twice, '--out', out, '--shard', '0', '--of', '1'], runEnv, /^hush: .*twice\.jsonl:2: repository acme\/a is listed twice$/],
      [
        ['org', 'run', '--inventory', join(dir, 'missing.jsonl'), '--out', out, '--shard', '0', '--of', '1'],
        runEnv,
        /^hush: .*missing\.jsonl: cannot read the inventory \(ENOENT\)$/,
      ],
      [['org', 'run', '--inventory', good, '--out', aFile, '--shard', '0', '--of', '1'], runEnv, /^hush: --out .*a-file: is a file, not a directory$/],
      [[...run, '--shard', '0', '--of', '1', '--work', join(dir, 'nowhere')], runEnv, /^hush: --work .*nowhere: not a directory$/],
      [['org', 'inventory', '--github', 'a', '--gitlab', 'b'], runEnv, /^hush: name exactly one of --github ORG, --gitlab GROUP or --azure-devops ORG$/],
      [['org', 'inventory', '--github', ''], runEnv, /^hush: --github needs a name$/],
      [['org', 'merge', notResults], runEnv, /^hush: .*x\.json: not an org run result$/],
      [['org', 'merge', join(dir, 'none')], runEnv, /^hush: .*none: no such directory$/],
      [['org', 'merge', notResults, '--format', 'sarif'], runEnv, /^hush: --format sarif writes one file per repository: name a directory with -o DIR$/],
      [['org', 'merge', notResults, '--format', 'pdf'], runEnv, /^hush: Invalid values:/],
    ];
    for (const [args, env, message] of cases) {
      const result = await runHushAsync(args, repoRoot, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trimEnd(), args.join(' ')).toMatch(message);
      expect(result.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toContain(ORG_KEY);
      expect(existsSync(out), args.join(' ')).toBe(false);
    }
  }, 180_000);
});

describe('hush org run and org merge', () => {
  let inventory: string;
  let shards: string;

  beforeAll(() => {
    inventory = join(work.path, 'repos.jsonl');
    writeFileSync(
      inventory,
      REPOSITORIES.map((name) => JSON.stringify({ ...githubRepo(name), name, cloneUrl: `${gitUrl}/${name}`, provider: 'github' })).join('\n') + '\n',
    );
    shards = join(work.path, 'results');
  });

  it('four shard processes (JOB_COMPLETION_INDEX 0-3) together write exactly one result per repository', async () => {
    const runs = await Promise.all(
      [0, 1, 2, 3].map((index) =>
        runHushAsync(['org', 'run', '--inventory', inventory, '--out', shards, '--jobs', '1', '--retry-delay', '0'], repoRoot, {
          ...runEnv,
          JOB_COMPLETION_INDEX: String(index),
          HUSH_ORG_SHARDS: '4',
        }),
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    // Each shard names the repositories it audited; together each repository exactly once.
    const claimed = runs.flatMap((run) => [...run.stderr.matchAll(/\] (acme\/repo-\d\d):/g)].map((m) => m[1]));
    expect(claimed.sort()).toEqual(REPOSITORIES);
    for (const [i, run] of runs.entries()) expect(run.stderr).toMatch(new RegExp(`shard ${i} of 4: [5-9] of 30 repositories`));
    const written = results(shards);
    expect(written.map((r) => r.repository.name).sort()).toEqual(REPOSITORIES);
    for (const result of written) expect(schemaErrors('org-result', result), result.repository.name).toEqual([]);
    expect(readdirSync(shards).filter((f) => !f.endsWith('.json'))).toEqual([]);
    const broken = written.find((r) => r.repository.name === BROKEN)!;
    expect(broken).toMatchObject({ status: 'error', attempts: 1 });
    expect(broken.error).toMatch(/^clone failed: remote: fatal: unable to read [0-9a-f]{40}$/);
    expect(written.filter((r) => r.status === 'ok')).toHaveLength(29);
    // Neither secret nor key is in any result or log.
    const everything =
      runs.map((r) => r.stdout + r.stderr).join('') +
      readdirSync(shards)
        .map((f) => readFileSync(join(shards, f), 'utf8'))
        .join('');
    for (const secret of [SHARED_SECRET, UNIQUE_SECRET, ORG_KEY]) expect(everything).not.toContain(secret.slice(4, 20));
    // The clones are gone.
    expect(readdirSync(work.path).filter((f) => f.startsWith('hush-org-'))).toEqual([]);
  }, 600_000);

  it('org merge reports the shared secret once, with every repository holding it, the broken one as an error, and the same totals', async () => {
    const out = join(work.path, 'org.json');
    const run = await runHushAsync(['org', 'merge', shards, '--format', 'json', '-o', out], repoRoot, runEnv);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(schemaErrors('org-report', report)).toEqual([]);
    const perRepository = results(shards);
    const findings = perRepository.reduce((n, r) => n + (r.report?.findings.length ?? 0), 0);
    const distinct = new Set(perRepository.flatMap((r) => r.report?.findings.map((f) => f.secretHash) ?? []));
    expect(report.totals).toEqual({ repositories: 30, audited: 29, errors: 1, findings, secrets: distinct.size, repositoriesWithSecrets: 5 });
    expect(run.stderr).toBe(`hush: 30 repositories (29 audited, 1 failed): 2 distinct secrets in ${findings} findings across 5 repositories\n`);
    expect(report.secrets).toHaveLength(2);
    const [first, second] = report.secrets;
    // Ranked by reach: the shared secret (three trees, four repositories) before the unique one.
    expect(first.ruleId).toBe(second.ruleId);
    expect([...new Set(first.locations.map((l: { repository: string }) => l.repository))]).toEqual([...SHARED_IN_TREE, SHARED_IN_HISTORY].sort());
    expect(first.reach).toEqual({ repositories: 4, inTree: 3, live: false });
    expect(first.locations.find((l: { repository: string }) => l.repository === SHARED_IN_HISTORY)).toMatchObject({
      path: 'scripts/ci.sh',
      line: 1,
      inHead: false,
    });
    expect(first.locations.find((l: { repository: string }) => l.repository === 'acme/repo-03')).toMatchObject({ path: 'config/deploy.env', inHead: true });
    expect(first.locations[0].commit).toMatch(/^[0-9a-f]{40}$/);
    expect(second.locations.map((l: { repository: string }) => l.repository)).toEqual([UNIQUE_HOLDER]);
    // Matched by a keyed hash: neither the secret nor any unkeyed digest of it is in the report.
    const text = readFileSync(out, 'utf8');
    for (const digest of [
      SHARED_SECRET,
      createHash('sha256').update(SHARED_SECRET).digest('hex'),
      createHash('sha256').update(`${first.ruleId}\0${SHARED_SECRET}`).digest('hex'),
    ])
      expect(text).not.toContain(digest.slice(4, 20));
    expect(text).not.toContain(ORG_KEY);
    const brokenEntry = report.repositories.find((r: { name: string }) => r.name === BROKEN);
    expect(brokenEntry).toMatchObject({ status: 'error', findings: 0 });
    expect(brokenEntry.error).toBe(perRepository.find((r) => r.repository.name === BROKEN)!.error);
    expect(report.repositories.find((r: { name: string }) => r.name === 'acme/repo-12')).toMatchObject({ status: 'ok', findings: 1, secrets: 1 });

    // HTML: the shared secret ranks first; SARIF: one valid log per audited repository.
    const html = await runHushAsync(['org', 'merge', shards, '--format', 'html'], repoRoot, runEnv);
    expect(html.code).toBe(1);
    expect(html.stdout).toMatch(/<tr class="secret" data-rank="1" data-repositories="4"/);
    expect(html.stdout).toContain(`data-total="findings">${findings}<`);
    expect(html.stdout).not.toContain(SHARED_SECRET.slice(4, 20));
    const sarifDir = join(work.path, 'sarif');
    const sarif = await runHushAsync(['org', 'merge', shards, '--format', 'sarif', '-o', sarifDir], repoRoot, runEnv);
    expect(sarif.code, sarif.stderr).toBe(1);
    expect(readdirSync(sarifDir)).toHaveLength(29);
    const log = JSON.parse(readFileSync(join(sarifDir, 'acme%2Frepo-12.sarif'), 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(multitoolErrors(join(sarifDir, 'acme%2Frepo-12.sarif'))).toEqual([]);
    expect(log.runs[0].results).toHaveLength(1);
    expect(log.runs[0].results[0].message.text).toContain('in 3 other repositories of the organisation');
    expect(log.runs[0].versionControlProvenance[0].repositoryUri).toBe(`${gitUrl}/acme/repo-12`);
    const clean = JSON.parse(readFileSync(join(sarifDir, 'acme%2Frepo-00.sarif'), 'utf8'));
    expect(clean.runs[0].results).toEqual([]);
    expect(readdirSync(sarifDir).some((f) => f.includes('repo-29'))).toBe(false);
  }, 120_000);

  it('with --verify, a secret its provider says is live ranks first, above one in more repositories', async () => {
    // The GitHub API stand-in knows one token (the unique one) as live; every other is refused.
    const provider = await mockProvider((req) =>
      req.headers.authorization === `Bearer ${UNIQUE_SECRET}`
        ? { status: 200, body: { login: 'release-bot' } }
        : { status: 401, body: { message: 'Bad credentials' } },
    );
    try {
      const config = join(work.path, 'verify.json');
      writeFileSync(config, JSON.stringify({ verify: { endpoints: { github: provider.url } } }));
      const small = join(work.path, 'verify.jsonl');
      writeFileSync(small, ['acme/repo-03', 'acme/repo-12', UNIQUE_HOLDER].map((name) => JSON.stringify({ name, cloneUrl: `${gitUrl}/${name}` })).join('\n'));
      const out = join(work.path, 'verified');
      const run = await runHushAsync(
        ['org', 'run', '--inventory', small, '--out', out, '--shard', '0', '--of', '1', '--verify', '--config', config],
        repoRoot,
        runEnv,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('verify: checking found secrets with their providers (read-only requests to 127.0.0.1:');
      const merged = await runHushAsync(['org', 'merge', out], repoRoot, runEnv);
      const report = JSON.parse(merged.stdout);
      expect(report.secrets.map((s: { reach: unknown }) => s.reach)).toEqual([
        { repositories: 1, inTree: 1, live: true },
        { repositories: 2, inTree: 2, live: false },
      ]);
      expect(report.secrets[0]).toMatchObject({ verification: { status: 'live' }, locations: [{ repository: UNIQUE_HOLDER }] });
      expect(report.secrets[1].verification.status).toBe('invalid');
      const html = await runHushAsync(['org', 'merge', out, '--format', 'html'], repoRoot, runEnv);
      expect(html.stdout).toMatch(/data-rank="1" data-repositories="1"[^]*verified live[^]*data-rank="2" data-repositories="2"/);
      for (const text of [run.stderr, merged.stdout, html.stdout]) expect(text).not.toContain(UNIQUE_SECRET.slice(4, 20));
    } finally {
      await provider.close();
    }
  }, 120_000);

  it('a shard killed midway and run again audits only what it had not finished (and a repository that moved on)', async () => {
    const out = join(work.path, 'resumed');
    // The killed process cannot remove its clone: it works inside the test's own directory.
    const scratch = join(work.path, 'resumed-work');
    mkdirSync(scratch);
    const args = ['org', 'run', '--inventory', inventory, '--out', out, '--shard', '1', '--of', '2', '--jobs', '1', '--work', scratch];
    const child = spawn(hushBin, args, { cwd: repoRoot, env: { ...process.env, ...runEnv }, stdio: 'ignore' });
    const done = new Promise((resolve) => child.on('close', resolve));
    // Kill it once some, but not all, of its results are written.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && (!existsSync(out) || readdirSync(out).filter((f) => f.endsWith('.json')).length < 4))
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await done;
    const before = results(out);
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(15);
    // One finished repository gets a new commit on its default branch: that one must be audited again.
    const moved = before.find((r) => r.status === 'ok')!;
    commit(join(base.path, moved.repository.name), { 'NEWS.md': 'news\n' }, 'news');

    const rerun = await runHushAsync(args, repoRoot, runEnv);
    expect(rerun.code, rerun.stderr).toBe(0);
    const after = results(out);
    expect(after).toHaveLength(15);
    for (const old of before) {
      const now = after.find((r) => r.repository.name === old.repository.name)!;
      if (old.repository.name === moved.repository.name) {
        expect(now.finishedAt).not.toBe(old.finishedAt);
        expect(now.head).not.toBe(old.head);
      } else if (old.status === 'ok') {
        expect(now.finishedAt).toBe(old.finishedAt);
        expect(rerun.stderr).toContain(`${old.repository.name}: up to date at ${old.head!.slice(0, 12)}, skipped`);
      }
    }
    const skipped = before.filter((r) => r.status === 'ok').length - 1;
    expect(rerun.stderr).toMatch(new RegExp(`, ${skipped} up to date, `));
  }, 300_000);

  it('a shard stopped by SIGTERM (a cancelled job) removes the clone it was working in before it exits', async () => {
    const out = join(work.path, 'stopped');
    const scratch = join(work.path, 'stopped-work');
    mkdirSync(scratch);
    const args = ['org', 'run', '--inventory', inventory, '--out', out, '--shard', '0', '--of', '1', '--jobs', '1', '--work', scratch];
    const child = spawn(hushBin, args, { cwd: repoRoot, env: { ...process.env, ...runEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let exited = false;
    const closed = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => {
        exited = true;
        resolve(signal);
      }),
    );
    // Stop it while a clone is in the work directory.
    const deadline = Date.now() + 120_000;
    while (!exited && Date.now() < deadline && !readdirSync(scratch).some((name) => name.startsWith('hush-org-'))) await new Promise((r) => setTimeout(r, 2));
    expect(exited, stderr).toBe(false);
    expect(readdirSync(scratch).some((name) => name.startsWith('hush-org-'))).toBe(true);
    child.kill('SIGTERM');
    expect(await closed).toBe('SIGTERM');
    expect(readdirSync(scratch)).toEqual([]);
  }, 300_000);

  it('a monorepo audited as --range slices in separate jobs merges into the same secrets as one whole audit', async () => {
    const mono = join(base.path, 'acme/mono');
    mkdirSync(mono, { recursive: true });
    initRepo(mono);
    const commits: string[] = [];
    const other = githubToken();
    for (let i = 1; i <= 12; i++) {
      const files: Record<string, string | null> = { [`src/part-${i}.js`]: `export const part = ${i};\n` };
      if (i === 3) files['old/settings.env'] = `GITHUB_TOKEN=${other}\n`;
      if (i === 5) files['old/settings.env'] = null;
      if (i === 6) files['deploy/ci.env'] = `GITHUB_TOKEN=${SHARED_SECRET}\n`;
      if (i === 10) files['tools/bot.py'] = `TOKEN = "${UNIQUE_SECRET}"\n`;
      commits.push(commit(mono, files, `change ${i}`));
    }
    const line = (range?: string) => JSON.stringify({ name: 'acme/mono', cloneUrl: `${gitUrl}/acme/mono`, defaultBranch: 'main', ...(range ? { range } : {}) });
    const sliced = join(work.path, 'mono-sliced.jsonl');
    writeFileSync(sliced, [line(commits[3]), line(`${commits[3]}..${commits[7]}`), line(`${commits[7]}..main`)].join('\n'));
    const whole = join(work.path, 'mono-whole.jsonl');
    writeFileSync(whole, line());
    const reports: Array<{
      totals: { findings: number };
      repositories: Array<{ slices?: number; findings: number }>;
      secrets: Array<{ secretHash: string; locations: unknown[] }>;
    }> = [];
    for (const [inventoryFile, shardCount] of [
      [sliced, 3],
      [whole, 1],
    ] as const) {
      const out = join(work.path, `mono-${shardCount}`);
      const runs = await Promise.all(
        Array.from({ length: shardCount }, (_, shard) =>
          runHushAsync(['org', 'run', '--inventory', inventoryFile, '--out', out, '--shard', String(shard), '--of', String(shardCount)], repoRoot, runEnv),
        ),
      );
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      expect(readdirSync(out)).toHaveLength(shardCount);
      const merged = await runHushAsync(['org', 'merge', out], repoRoot, runEnv);
      expect(merged.code, merged.stderr).toBe(1);
      reports.push(JSON.parse(merged.stdout));
    }
    const [slices, one] = reports;
    expect(slices.repositories).toEqual([expect.objectContaining({ name: 'acme/mono', status: 'ok', slices: 3, findings: 3, secrets: 3 })]);
    expect(one.repositories[0]).not.toHaveProperty('slices');
    expect(slices.secrets.map((s) => s.secretHash).sort()).toEqual(one.secrets.map((s) => s.secretHash).sort());
    expect(slices.secrets).toEqual(one.secrets);
    expect(slices.totals.findings).toBe(one.totals.findings);
    for (const report of [slices, one]) expect(schemaErrors('org-report', report)).toEqual([]);
  }, 120_000);

  it("a repository's own .hush.json and baseline cannot allow-list its secrets in an org run, whole or sliced", async () => {
    const name = 'acme/self-allowing';
    const dir = join(base.path, name);
    mkdirSync(dir, { recursive: true });
    initRepo(dir);
    commit(dir, { 'README.md': '# x\n' }, 'first');
    const introduced = commit(dir, { 'config/app.env': `GITHUB_TOKEN=${UNIQUE_SECRET}\n` }, 'token');
    // The repository accepts its own secret twice over: a baseline, and a config that allow-lists it.
    expect((await runHushAsync(['baseline'], dir, runEnv)).code).toBe(0);
    const first = commit(
      dir,
      { '.hush-baseline.json': readFileSync(join(dir, '.hush-baseline.json'), 'utf8'), '.hush.json': JSON.stringify({ allow: { secrets: ['^ghp_'] } }) },
      'accept it',
    );
    commit(dir, { 'config/other.env': `GITHUB_TOKEN=${UNIQUE_SECRET}\n` }, 'again');
    const own = await runHushAsync(['audit', '.', '--format', 'json'], dir, runEnv);
    expect(own.code, own.stderr).toBe(0);
    const inventoryFile = join(work.path, 'self-allowing.jsonl');
    const line = (range?: string) => JSON.stringify({ name, cloneUrl: `${gitUrl}/${name}`, ...(range ? { range } : {}) });
    for (const [label, lines] of [
      ['whole', [line()]],
      ['sliced', [line(first), line(`${first}..main`)]],
    ] as const) {
      writeFileSync(inventoryFile, lines.join('\n'));
      const out = join(work.path, `self-allowing-${label}`);
      const run = await runHushAsync(['org', 'run', '--inventory', inventoryFile, '--out', out, '--shard', '0', '--of', '1'], repoRoot, runEnv);
      expect(run.code, run.stderr).toBe(0);
      const merged = JSON.parse((await runHushAsync(['org', 'merge', out], repoRoot, runEnv)).stdout);
      expect(
        merged.secrets.map((s: { locations: Array<{ path: string }> }) => s.locations.map((l) => l.path)),
        label,
      ).toEqual([['config/app.env', 'config/other.env']]);
      // Both places credit the commit that first brought the secret in, as one whole audit does.
      expect(new Set(merged.secrets[0].locations.map((l: { commit: string }) => l.commit)), label).toEqual(new Set([introduced]));
      expect(merged.totals.findings, label).toBe(2);
    }
  }, 120_000);

  it('retries a transient clone failure with backoff, keeps to --transports, and rejects mixed keys in merge', async () => {
    const port = new URL(await closedPort()).port;
    const small = join(work.path, 'small.jsonl');
    writeFileSync(
      small,
      [
        JSON.stringify({ name: 'acme/gone', cloneUrl: `git://127.0.0.1:${port}/acme/gone` }),
        JSON.stringify({ name: 'acme/repo-01', cloneUrl: `${gitUrl}/acme/repo-01` }),
      ].join('\n'),
    );
    const out = join(work.path, 'small');
    const run = await runHushAsync(
      ['org', 'run', '--inventory', small, '--out', out, '--shard', '0', '--of', '1', '--retries', '2', '--retry-delay', '0'],
      repoRoot,
      runEnv,
    );
    expect(run.code, run.stderr).toBe(0);
    const gone = results(out).find((r) => r.repository.name === 'acme/gone')!;
    expect(gone).toMatchObject({ status: 'error', attempts: 3 });
    expect(run.stderr.match(/acme\/gone: clone failed \(.*\); retrying/g)).toHaveLength(2);

    const narrow = join(work.path, 'narrow');
    const https = await runHushAsync(
      ['org', 'run', '--inventory', small, '--out', narrow, '--shard', '0', '--of', '1', '--transports', 'https'],
      repoRoot,
      runEnv,
    );
    expect(https.code).toBe(0);
    const refused = results(narrow).find((r) => r.repository.name === 'acme/repo-01')!;
    expect(refused).toMatchObject({ status: 'error', attempts: 1 });
    expect(refused.error).toMatch(/transport 'git' not allowed/);

    // A transport outside the allow-list never runs: ext:: would execute a command.
    const marker = join(work.path, 'ext-ran');
    const hostile = join(work.path, 'hostile.jsonl');
    const password = randomBytes(8).toString('hex');
    writeFileSync(
      hostile,
      [
        JSON.stringify({ name: 'acme/ext', cloneUrl: `ext::sh -c touch% ${marker}` }),
        JSON.stringify({ name: 'acme/creds', cloneUrl: `https://bot:${password}@127.0.0.1:${port}/acme/creds.git` }),
      ].join('\n'),
    );
    const hostileOut = join(work.path, 'hostile');
    const hostileRun = await runHushAsync(
      ['org', 'run', '--inventory', hostile, '--out', hostileOut, '--shard', '0', '--of', '1', '--retries', '0'],
      repoRoot,
      runEnv,
    );
    expect(hostileRun.code, hostileRun.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(results(hostileOut).map((r) => r.status)).toEqual(['error', 'error']);
    const hostileText =
      hostileRun.stderr +
      readdirSync(hostileOut)
        .map((f) => readFileSync(join(hostileOut, f), 'utf8'))
        .join('');
    expect(hostileText).not.toContain(password);
    expect(hostileText).toContain('https://127.0.0.1:');

    const bad = await runHushAsync(
      ['org', 'run', '--inventory', small, '--out', narrow, '--shard', '0', '--of', '1', '--transports', 'https,ext'],
      repoRoot,
      runEnv,
    );
    expect(bad).toMatchObject({ code: 2, stderr: 'hush: --transports takes a comma-separated list of https, ssh, git, http, file (got "https,ext")\n' });

    // Results hashed under another key cannot be merged into these.
    const mixed = join(work.path, 'mixed');
    mkdirSync(mixed);
    const one = readdirSync(out).find((f) => f.endsWith('.json'))!;
    writeFileSync(join(mixed, one), readFileSync(join(out, one)));
    const other = JSON.parse(readFileSync(join(shards, 'acme%2Frepo-02.json'), 'utf8'));
    writeFileSync(join(mixed, 'acme%2Frepo-02.json'), JSON.stringify({ ...other, keyId: '0000000000000000' }));
    const merged = await runHushAsync(['org', 'merge', mixed], repoRoot, runEnv);
    expect(merged).toMatchObject({ code: 2, stderr: 'hush: results were hashed under 2 different HUSH_ORG_KEY values; rerun the shards with one key\n' });
    rmSync(mixed, { recursive: true });
  }, 120_000);
});
