// An untrusted repository's own git config must run nothing through hush: each vector gets a repository
// whose config would run a script that leaves a marker file, every hush command that runs git is run
// on it, and the marker must not appear. A control then runs plain git the way a careless tool would,
// to prove the trap is live (where git can be made to trip it at all).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GIT_ENV, commit, git, initRepo, write } from '../../../test-support/git.js';
import { runHush } from './helpers.js';
import { perTestTemp } from '../../../test-support/helpers.js';

const TOKEN = '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';
const NPM = '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';
const temp = perTestTemp();

/** Plain git with no transport at all, for setting up a partial clone without tripping its trap. */
function gitOffline(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV, GIT_ALLOW_PROTOCOL: 'none' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Plain git that may fail (a control whose fetch or verification is expected to error out). */
function gitMayFail(cwd: string, args: string[], input = ''): void {
  try {
    execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 20_000 });
  } catch {
    /* the control only has to reach the trap */
  }
}

interface Trap {
  dir: string;
  marker: string;
  script: string;
  /** A blob this repository lacks (partial clones only). */
  missing?: string;
}

/** A directory with a script that records that it ran; nothing has run it yet. */
function trap(): Omit<Trap, 'dir'> {
  const base = temp.dir('hush-hostile-');
  const marker = join(base, 'marker');
  const script = join(base, 'evil.sh');
  writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\nexit 1\n`);
  chmodSync(script, 0o755);
  return { marker, script };
}

/** A repository with a secret in HEAD, one in history only, and a staged secret. */
function plainRepo(): Trap {
  const t = trap();
  const dir = initRepo(temp.dir('hush-hostile-repo-'));
  commit(dir, { 'old.env': `GITHUB_TOKEN=${TOKEN}\n`, 'm.txt': 'base\n' }, 'one');
  commit(dir, { 'old.env': null, '.env': `GITHUB_TOKEN=${TOKEN}\n`, 'notes.txt': 'notes\n' }, 'two');
  write(dir, 'staged.env', `NPM_TOKEN=${NPM}\n`);
  git(dir, 'add', 'staged.env');
  return { ...t, dir };
}

/**
 * A real blobless partial clone (`--filter=blob:none` from a source that allows filters): history's
 * blobs are missing and would be fetched on demand. The index also stages a missing blob, so the
 * pre-commit path has one to touch.
 */
function partialClone(): Trap {
  const t = trap();
  const src = initRepo(temp.dir('hush-hostile-src-'));
  commit(src, { 'old.env': `GITHUB_TOKEN=${TOKEN}\nOLD=1\n` }, 'one');
  commit(src, { 'old.env': 'rotated\n', '.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'two');
  git(src, 'config', 'uploadpack.allowFilter', 'true');
  const parent = temp.dir('hush-hostile-clone-');
  git(parent, 'clone', '-q', '--filter=blob:none', `file://${src}`, 'pc');
  const dir = join(parent, 'pc');
  const missing = gitOffline(src, 'rev-parse', 'HEAD~:old.env');
  expect(gitOffline(dir, 'cat-file', '--batch-all-objects', '--batch-check')).not.toContain(missing);
  gitOffline(dir, 'update-index', '--add', '--cacheinfo', `100644,${missing},resurrected.env`);
  write(dir, 'staged.env', `NPM_TOKEN=${NPM}\n`);
  gitOffline(dir, 'add', 'staged.env');
  return { ...t, dir, missing };
}

/** A commit on top of HEAD whose header carries `signature` (no key needed: git only has to try). */
function signedCommit(dir: string, signature: string): void {
  const tree = git(dir, 'rev-parse', 'HEAD^{tree}');
  const parent = git(dir, 'rev-parse', 'HEAD');
  const sig = signature.split('\n').join('\n ');
  const body = `tree ${tree}\nparent ${parent}\nauthor A <a@example.com> 1700000000 +0000\ncommitter A <a@example.com> 1700000000 +0000\ngpgsig ${sig}\n\nsigned\n`;
  const oid = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
    cwd: dir,
    input: body,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
  }).trim();
  git(dir, 'update-ref', 'HEAD', oid);
}

const lazyFetch = (t: Trap) => gitMayFail(t.dir, ['cat-file', '-p', t.missing!]);

interface Vector {
  name: string;
  build: () => Trap;
  /** Plain git that runs the trap, or undefined where git itself never honours it from a repository. */
  control?: (t: Trap) => void;
}

const VECTORS: Vector[] = [
  {
    name: 'lazy fetch through an ext:: remote (protocol.ext.allow=always)',
    build: () => {
      const t = partialClone();
      git(t.dir, 'config', 'protocol.ext.allow', 'always');
      git(t.dir, 'config', 'remote.origin.url', `ext::${t.script}`);
      return t;
    },
    control: lazyFetch,
  },
  {
    name: 'lazy fetch through core.sshCommand (protocol.ssh.allow=always)',
    build: () => {
      const t = partialClone();
      git(t.dir, 'config', 'protocol.ssh.allow', 'always');
      git(t.dir, 'config', 'core.sshCommand', t.script);
      git(t.dir, 'config', 'remote.origin.url', 'ssh://git.example.invalid/repo.git');
      return t;
    },
    control: lazyFetch,
  },
  {
    name: 'lazy fetch through remote.origin.uploadpack (protocol.file.allow=always)',
    build: () => {
      const t = partialClone();
      git(t.dir, 'config', 'protocol.file.allow', 'always');
      git(t.dir, 'config', 'remote.origin.uploadpack', t.script);
      return t;
    },
    control: lazyFetch,
  },
  {
    name: 'lazy fetch through core.gitProxy (protocol.git.allow=always)',
    build: () => {
      const t = partialClone();
      git(t.dir, 'config', 'protocol.git.allow', 'always');
      git(t.dir, 'config', 'core.gitProxy', t.script);
      git(t.dir, 'config', 'remote.origin.url', 'git://git.example.invalid/repo.git');
      return t;
    },
    control: lazyFetch,
  },
  {
    name: 'uploadpack.packObjectsHook in a partial clone (git reads it only from protected config)',
    build: () => {
      const t = partialClone();
      git(t.dir, 'config', 'uploadpack.packObjectsHook', t.script);
      git(t.dir, 'config', 'protocol.file.allow', 'always');
      return t;
    },
  },
  {
    name: 'gpg.program through log.showSignature and a signed commit',
    build: () => {
      const t = plainRepo();
      signedCommit(t.dir, '-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEEhushhushhushhush\n=abcd\n-----END PGP SIGNATURE-----');
      git(t.dir, 'config', 'log.showSignature', 'true');
      git(t.dir, 'config', 'gpg.program', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['log', '-1']),
  },
  {
    name: 'gpg.ssh.program through log.showSignature and an SSH-signed commit',
    build: () => {
      const t = plainRepo();
      signedCommit(t.dir, '-----BEGIN SSH SIGNATURE-----\nU1NIU0lHaHVzaA==\n-----END SSH SIGNATURE-----');
      const signers = join(dirname(t.marker), 'allowed_signers');
      writeFileSync(signers, 'a@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVzaA==\n');
      git(t.dir, 'config', 'log.showSignature', 'true');
      git(t.dir, 'config', 'gpg.ssh.allowedSignersFile', signers);
      git(t.dir, 'config', 'gpg.ssh.program', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['log', '-1']),
  },
  {
    name: 'gpg.x509.program through log.showSignature and an X.509-signed commit',
    build: () => {
      const t = plainRepo();
      signedCommit(t.dir, '-----BEGIN SIGNED MESSAGE-----\nMIAGCSqGSIb3DQEHAqCAMIACAQE=\n-----END SIGNED MESSAGE-----');
      git(t.dir, 'config', 'log.showSignature', 'true');
      git(t.dir, 'config', 'gpg.x509.program', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['log', '-1']),
  },
  {
    name: 'credential.helper',
    build: () => {
      const t = plainRepo();
      git(t.dir, 'config', 'credential.helper', `!${t.script}`);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['credential', 'fill'], 'protocol=https\nhost=example.invalid\n\n'),
  },
  {
    name: 'core.askPass',
    build: () => {
      const t = plainRepo();
      git(t.dir, 'config', 'core.askPass', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['credential', 'fill'], 'protocol=https\nhost=example.invalid\n\n'),
  },
  {
    name: 'core.editor',
    build: () => {
      const t = plainRepo();
      git(t.dir, 'config', 'core.editor', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['commit', '--allow-empty', '-q']),
  },
  {
    name: 'sequence.editor',
    build: () => {
      const t = plainRepo();
      git(t.dir, 'config', 'sequence.editor', t.script);
      return t;
    },
    control: (t) => {
      git(t.dir, 'commit', '-q', '-m', 'clean index for the rebase');
      gitMayFail(t.dir, ['rebase', '-q', '-i', 'HEAD~1']);
    },
  },
  {
    name: 'diff.<driver>.command through .gitattributes',
    build: () => {
      const t = plainRepo();
      commit(t.dir, { '.gitattributes': '* diff=evil\n', '.env': `GITHUB_TOKEN=${TOKEN}\nMORE=1\n` }, 'attributes');
      git(t.dir, 'config', 'diff.evil.command', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['diff', 'HEAD~1', 'HEAD']),
  },
  {
    name: 'merge.<driver>.driver through .gitattributes',
    build: () => {
      const t = plainRepo();
      commit(t.dir, { '.gitattributes': 'm.txt merge=evil\n' }, 'attributes');
      git(t.dir, 'branch', 'other');
      commit(t.dir, { 'm.txt': 'ours\n' }, 'ours');
      git(t.dir, 'checkout', '-q', 'other');
      commit(t.dir, { 'm.txt': 'theirs\n' }, 'theirs');
      git(t.dir, 'checkout', '-q', 'main');
      git(t.dir, 'add', 'staged.env');
      git(t.dir, 'config', 'merge.evil.driver', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['merge-tree', '--write-tree', 'main', 'other']),
  },
  {
    name: 'core.alternateRefsCommand with an alternate object store',
    build: () => {
      const t = plainRepo();
      const other = initRepo(temp.dir('hush-hostile-alt-'));
      commit(other, { 'x.txt': 'x\n' }, 'alt');
      write(t.dir, '.git/objects/info/alternates', `${join(other, '.git/objects')}\n`);
      git(t.dir, 'config', 'core.alternateRefsCommand', t.script);
      return t;
    },
    control: (t) => gitMayFail(t.dir, ['rev-list', '--alternate-refs', '--count']),
  },
];

/** Every hush command that runs git on the repository (the explained fingerprint comes from the audit). */
async function runEveryCommand(dir: string): Promise<Array<{ command: string; code: number; stdout: string; stderr: string }>> {
  const runs: Array<{ command: string; code: number; stdout: string; stderr: string }> = [];
  const run = async (args: string[]) => {
    const result = await runHush(args, dir);
    runs.push({ command: args.join(' '), ...result });
    return result;
  };
  await run(['scan', '.']);
  const audit = await run(['audit', '.', '--no-cache', '-f', 'json']);
  await run(['audit', '.', '--all-objects', '--no-cache']);
  await run(['staged']);
  await run(['hook', 'run']);
  // Reads the user's own hook settings (global config visible), still with everything else hardened.
  await run(['hook', 'status']);
  await run(['hook', 'install']);
  await run(['hook', 'uninstall']);
  const fingerprint = JSON.parse(audit.stdout || '{"findings":[]}').findings[0]?.fingerprint ?? 'deadbeefdeadbeef';
  await run(['explain', fingerprint]);
  await run(['baseline', '--history', '.']);
  return runs;
}

describe('a hostile repository runs nothing through hush', () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', async (_name, vector) => {
    const t = vector.build();
    const runs = await runEveryCommand(t.dir);
    expect(existsSync(t.marker) ? readFileSync(t.marker, 'utf8') : '').toBe('');
    // Each command did its work: findings (1) or a clean pass (0), never a usage or git failure.
    for (const r of runs) expect({ command: r.command, code: r.code < 2 ? 'ok' : r.stderr }).toEqual({ command: r.command, code: 'ok' });
    const audit = runs.find((r) => r.command.endsWith('-f json'))!;
    expect(JSON.parse(audit.stdout).findings.some((f: { ruleId: string; inHead: boolean }) => f.ruleId === 'github.classic-pat' && f.inHead)).toBe(true);
    if (vector.control) {
      vector.control(t);
      expect(existsSync(t.marker)).toBe(true);
    }
  });
});

describe('partial clones', () => {
  it('in a large blobless clone lists local objects once and still scans every present blob', async () => {
    const t = trap();
    const src = initRepo(temp.dir('hush-blobless-src-'));
    const files = (version: string) => Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`f/${i}.txt`, `file ${i} ${version}\n`]));
    commit(src, { ...files('old'), 'old.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'one');
    commit(src, { ...files('new'), 'old.env': null, 'new.env': `NPM_TOKEN=${NPM}\n` }, 'two');
    git(src, 'config', 'uploadpack.allowFilter', 'true');
    const parent = temp.dir('hush-blobless-');
    git(parent, 'clone', '-q', '--filter=blob:none', `file://${src}`, 'pc');
    const dir = join(parent, 'pc');
    git(dir, 'config', 'protocol.ext.allow', 'always');
    git(dir, 'config', 'remote.origin.url', `ext::${t.script}`);
    const run = await runHush(['audit', '.', '--no-cache', '-f', 'json'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['new.env']);
    expect(report.stats.blobsScanned).toBe(81);
    expect(report.skipped.filter((s: { reason: string }) => s.reason === 'unreadable')).toHaveLength(81);
    expect(report.warnings.join(' ')).toMatch(/partial clone: 81 blob\(s\) are not present locally/);
    expect(existsSync(t.marker)).toBe(false);
  });

  it('refuses a treeless clone with one line (history needs its trees) and fetches nothing', async () => {
    const t = trap();
    const src = initRepo(temp.dir('hush-treeless-src-'));
    commit(src, { 'a.env': `GITHUB_TOKEN=${TOKEN}\n` }, 'one');
    commit(src, { 'b.txt': 'b\n' }, 'two');
    git(src, 'config', 'uploadpack.allowFilter', 'true');
    const parent = temp.dir('hush-treeless-');
    git(parent, 'clone', '-q', '--filter=tree:0', `file://${src}`, 'tl');
    const dir = join(parent, 'tl');
    git(dir, 'config', 'protocol.ext.allow', 'always');
    git(dir, 'config', 'remote.origin.url', `ext::${t.script}`);
    const run = await runHush(['audit', '.', '--no-cache'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/partial clone .* hush never fetches/);
    expect(existsSync(t.marker)).toBe(false);
    gitMayFail(dir, ['log', '--all', '--raw']);
    expect(existsSync(t.marker)).toBe(true);
  });

  it('audits a harmless blobless clone: missing blobs are noted as unreadable and the audit goes on', async () => {
    const t = partialClone();
    const run = await runHush(['audit', '.', '--no-cache', '-f', 'json'], t.dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toContain('.env');
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'old.env', reason: 'unreadable' }));
    expect(report.warnings.join(' ')).toMatch(/partial clone: 1 blob\(s\) are not present locally/);
    // The pre-commit path reads the staged blobs it has and notes the one it lacks.
    const staged = await runHush(['staged', '-f', 'json'], t.dir);
    expect(staged.code).toBe(1);
    const stagedReport = JSON.parse(staged.stdout);
    expect(stagedReport.findings.map((f: { path: string }) => f.path)).toEqual(['staged.env']);
    expect(stagedReport.skipped).toContainEqual(expect.objectContaining({ path: 'resurrected.env', reason: 'unreadable' }));
  });
});

describe('revisions from the command line are never options', () => {
  const cases: Array<[string, (out: string) => string[]]> = [
    ['--since', (out) => ['--since', `--output=${out}`]],
    ['--range (left side)', (out) => ['--range', `--output=${out}..HEAD`]],
    ['--range (right side)', (out) => ['--range', `HEAD~1..--output=${out}`]],
    ['--branch', (out) => ['--branch', `--output=${out}`]],
  ];
  it.each(cases)('%s="--output=FILE" exits 2 with one line and writes no file', async (_flag, args) => {
    const t = plainRepo();
    const out = join(temp.dir('hush-inject-'), 'injected.txt');
    const run = await runHush(['audit', '.', '--no-cache', ...args(out)], t.dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/not a revision|unknown revision/);
    expect(existsSync(out)).toBe(false);
  });

  it('still audits ordinary ranges, including A...B and an open end', async () => {
    const t = plainRepo();
    const base = git(t.dir, 'rev-parse', 'HEAD~1');
    for (const range of [`${base}..HEAD`, `${base}...main`, `${base}..`]) {
      const run = await runHush(['audit', '.', '--no-cache', '-f', 'json', '--range', range], t.dir);
      expect({ range, code: run.code, stderr: run.stderr }).toEqual({ range, code: 1, stderr: '' });
      expect(JSON.parse(run.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['.env']);
    }
    const since = await runHush(['audit', '.', '--no-cache', '-f', 'json', '--since', base], t.dir);
    expect(JSON.parse(since.stdout).findings.map((f: { path: string }) => f.path)).toEqual(['.env']);
  });
});

describe('replace refs, grafts and the audit cache', () => {
  /** A secret committed in `secret.env`, then deleted: it lives only in history. */
  function historySecret() {
    const dir = initRepo(temp.dir('hush-replace-'));
    const first = commit(dir, { 'secret.env': `GITHUB_TOKEN=${TOKEN}\n`, 'a.txt': 'a\n' }, 'one');
    commit(dir, { 'secret.env': null }, 'two');
    commit(dir, { 'b.txt': 'b\n' }, 'three');
    const blob = git(dir, 'rev-parse', `${first}:secret.env`);
    return { dir, first, blob };
  }
  const secretsFound = async (dir: string, ...args: string[]) => {
    const run = await runHush(['audit', '.', '-f', 'json', ...args], dir);
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'github.classic-pat').length;
  };

  it('git replace <secret blob> <clean blob> does not hide the secret, and the cache holds the real result', async () => {
    const { dir, blob } = historySecret();
    const clean = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: 'nothing here\n', encoding: 'utf8' }).trim();
    git(dir, 'replace', blob, clean);
    // Control: plain git now shows the clean content under the secret's id.
    expect(git(dir, 'cat-file', '-p', blob)).toBe('nothing here');
    expect(await secretsFound(dir, '--no-cache')).toBe(1);
    expect(await secretsFound(dir)).toBe(1);
    git(dir, 'replace', '-d', blob);
    expect(await secretsFound(dir)).toBe(1);
  });

  it('a .git/info/grafts that cuts history does not hide the secret', async () => {
    const { dir } = historySecret();
    const second = git(dir, 'rev-parse', 'HEAD~1');
    write(dir, '.git/info/grafts', `${second}\n`);
    // Control: plain git no longer sees the commit that added the secret.
    expect(git(dir, 'rev-list', '--count', 'HEAD')).toBe('2');
    expect(await secretsFound(dir, '--no-cache')).toBe(1);
  });

  it('never caches a result under an id its content does not hash to', async () => {
    const { dir, blob } = historySecret();
    // Make the secret's loose object hold another blob's bytes: git hands them out under its id.
    const clean = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: 'nothing here\n', encoding: 'utf8' }).trim();
    const objectFile = (oid: string) => join(dir, '.git/objects', oid.slice(0, 2), oid.slice(2));
    const original = readFileSync(objectFile(blob));
    chmodSync(objectFile(blob), 0o644);
    writeFileSync(objectFile(blob), readFileSync(objectFile(clean)));
    expect(git(dir, 'cat-file', '-p', blob)).toBe('nothing here');
    expect(await secretsFound(dir)).toBe(0);
    // The object is repaired; a cached audit must read it again rather than trust the earlier result.
    writeFileSync(objectFile(blob), original);
    expect(await secretsFound(dir)).toBe(1);
  });
});
