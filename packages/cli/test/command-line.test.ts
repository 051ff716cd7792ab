// The command line as a user meets it, through the built bin: every argument is checked before
// anything runs, a run never passes silently, a closed pipe ends quietly, and each failure is one
// line with exit 2.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { hushBin, perTestTemp, repoRoot, runHushProcess } from '../../../test-support/helpers.js';
import { parseCommandLine } from '../src/command-line.js';

const TOKEN = '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';
const OTHER_TOKEN = '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';
const temp = perTestTemp();

function workdir(files: Record<string, string>): string {
  const dir = temp.dir('hush-cli-');
  for (const [path, content] of Object.entries(files)) write(dir, path, content);
  return dir;
}

/** One line on stderr, exit 2, and never the "internal error" of a bug. */
function expectUsageError(run: { code: number; stderr: string }, message: RegExp): void {
  expect(run.code).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).not.toMatch(/internal error/);
}

/**
 * `hush ARGS | READER` through sh: a real pipe whose reader exits early. Returns hush's own exit
 * code (via fd 3) and stderr.
 */
function throughPipe(cwd: string, reader: string, ...args: string[]) {
  const script = `{ "$0" "$@" 2>"$HUSH_STDERR"; echo $? >&3; } | ${reader}`;
  const stderrFile = join(temp.dir('hush-pipe-'), 'stderr');
  const run = spawnSync('sh', ['-c', script, hushBin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HUSH_STDERR: stderrFile },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  return { code: Number(String(run.output[3]).trim()), stdout: run.stdout, stderr: readFileSync(stderrFile, 'utf8') };
}

describe('every argument is checked before anything runs', () => {
  it('a mistyped flag after baseline leaves the existing baseline as it was', () => {
    const dir = workdir({ 'a.env': `GITHUB_TOKEN=${TOKEN}\n` });
    expect(runHushProcess(['baseline'], dir).code).toBe(0);
    const before = readFileSync(join(dir, '.hush-baseline.json'), 'utf8');
    write(dir, 'b.env', `OTHER_TOKEN=${TOKEN}\n`);
    expectUsageError(runHushProcess(['baseline', '--prnue'], dir), /Unknown argument: prnue/);
    expectUsageError(runHushProcess(['baseline', '--history', '--prnue'], dir), /Unknown argument: prnue/);
    expect(readFileSync(join(dir, '.hush-baseline.json'), 'utf8')).toBe(before);
  });

  it('a mistyped flag after hook install installs nothing', () => {
    const dir = initRepo(temp.dir('hush-cli-repo-'));
    expectUsageError(runHushProcess(['hook', 'install', '--manger', 'husky'], dir), /Unknown argument: manger/);
    expect(existsSync(join(dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(readFileSync(join(dir, '.git/config'), 'utf8')).not.toMatch(/hooksPath/);
  });

  it('a mistyped flag after scan prints no report', () => {
    const dir = workdir({ 'a.env': `GITHUB_TOKEN=${TOKEN}\n` });
    const run = runHushProcess(['scan', '--formt', 'json', dir]);
    expectUsageError(run, /Unknown argument: formt/);
    expect(run.stdout).toBe('');
  });

  it('rejects --max-file-size that is not a positive size, and accepts k/M suffixes', () => {
    const dir = workdir({ 'big.env': `GITHUB_TOKEN=${TOKEN}\n${'x'.repeat(3000)}\n`, 'small.env': `GITHUB_TOKEN=${TOKEN}\n` });
    for (const bad of ['abc', '-5', '0', '1.5', '10Q']) {
      const run = runHushProcess(['scan', dir, '--max-file-size', bad]);
      expectUsageError(run, /--max-file-size must be a size/);
      expect(run.stdout).toBe('');
    }
    expectUsageError(runHushProcess(['audit', dir, '--max-file-size', 'abc']), /--max-file-size must be a size/);
    const capped = JSON.parse(runHushProcess(['scan', dir, '--max-file-size', '2k', '-f', 'json']).stdout);
    expect(capped.findings.map((f: { path: string }) => f.path)).toEqual(['small.env']);
    expect(capped.skipped).toEqual([expect.objectContaining({ path: 'big.env', reason: 'too-large' })]);
    expect(JSON.parse(runHushProcess(['scan', dir, '--max-file-size', '1M', '-f', 'json']).stdout).findings).toHaveLength(2);
  });

  it('--jobs 0, --jobs 1.5 and baseline --import without --from are usage errors, not internal ones', () => {
    const dir = workdir({ 'a.txt': 'nothing here\n' });
    expectUsageError(runHushProcess(['scan', dir, '--jobs', '0']), /--jobs must be a whole number of 1 or more/);
    expectUsageError(runHushProcess(['scan', dir, '-j', '1.5']), /--jobs must be a whole number/);
    expectUsageError(runHushProcess(['audit', dir, '--jobs', 'many']), /--jobs must be a whole number/);
    expectUsageError(runHushProcess(['baseline', '--import', 'gitleaks'], dir), /--import needs --from FILE/);
    expect(runHushProcess(['scan', dir, '--jobs', '2']).code).toBe(0);
  });

  it('a usage error loads none of the scanner', () => {
    const loaded = loadedModules(repoRoot, ['scan', '--formt', 'json']);
    expect(loaded.code).toBe(2);
    expect(loaded.modules.filter((m) => m.includes('/packages/scanner/'))).toEqual([]);
  });
});

describe('no silent passes', () => {
  it('explicit targets that match no file are an error, not a clean scan', () => {
    const dir = workdir({ 'app.py': 'print("hi")\n', 'empty/.keep': '' });
    expectUsageError(runHushProcess(['scan', '*.nope'], dir), /no files matched \*\.nope/);
    expectUsageError(runHushProcess(['scan', 'src/**/*.go', 'lib/*.go'], dir), /no files matched src\/\*\*\/\*\.go lib\/\*\.go/);
    expectUsageError(runHushProcess(['scan', '.', '--include', '*.rb'], dir), /no files matched \. \(after --include\/--exclude\)/);
    // With no target at all hush scans the current directory, which may well be clean.
    expect(runHushProcess(['scan'], dir).code).toBe(0);
    expect(runHushProcess(['scan', '*.py'], dir).code).toBe(0);
  });

  it('the summary says how many findings the baseline accepted', () => {
    const dir = workdir({ 'a.env': `GITHUB_TOKEN=${TOKEN}\n`, 'b.env': `GITHUB_TOKEN=${TOKEN}\n` });
    expect(runHushProcess(['baseline'], dir).code).toBe(0);
    const clean = runHushProcess(['scan'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/✔ no secrets found \(.*; 2 accepted by the baseline\)/);
    write(dir, 'c.env', `GITHUB_TOKEN=${OTHER_TOKEN}\n`);
    const dirty = runHushProcess(['scan'], dir);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(/✖ 1 secret found .*; 2 more accepted by the baseline\./);
    expect(JSON.parse(runHushProcess(['scan', '-f', 'json'], dir).stdout).stats.baselined).toBe(2);
  });

  it('-o FILE writes the report there and still prints the summary line on stderr', () => {
    const dir = workdir({ 'a.env': `GITHUB_TOKEN=${TOKEN}\n` });
    const run = runHushProcess(['scan', dir, '-f', 'sarif', '-o', join(dir, 'out.sarif')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^✖ 1 secret found \(1 critical\) in 1 file/)]);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
    const clean = workdir({ 'a.txt': 'nothing\n' });
    const quiet = runHushProcess(['scan', clean, '-o', join(clean, 'out.txt')]);
    expect(quiet.stderr).toMatch(/^✔ no secrets found/);
  });
});

describe('a reader that stops early', () => {
  it('scan, audit and rules list end quietly when the pipe closes (hush … | head -1)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`config/service-${i}.env`] = `GITHUB_TOKEN=${TOKEN}\n`;
    const dir = initRepo(workdir(files));
    git(dir, 'add', '.');
    commit(dir, {}, 'many secrets');
    const scan = throughPipe(dir, 'head -1', 'scan', '-f', 'json');
    expect(scan.stdout).toBe('{\n');
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(1);
    const audit = throughPipe(dir, 'head -1', 'audit', '-f', 'json', '--no-cache');
    expect(audit.stdout).toBe('{\n');
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(1);
    // A reader that takes nothing at all: the very first write meets the closed pipe.
    const none = throughPipe(dir, 'head -n 0', 'rules', 'list');
    expect(none.stderr).toBe('');
    expect(none.code).toBe(0);
    // Enough custom rules that `rules list` outgrows the pipe buffer.
    const rules = Array.from({ length: 1500 }, (_, i) => ({
      id: `acme.token-${i}`,
      title: `ACME internal token number ${i} of the gateway fleet`,
      description: 'An ACME gateway token.',
      severity: 'low',
      keywords: [`acme${i}_`],
      pattern: `\\b(?<secret>acme${i}_[a-z0-9]{24})\\b`,
      examples: [`acme${i}_0123456789abcdefghijklmn`],
    }));
    writeFileSync(join(dir, '.hush.json'), JSON.stringify({ rules }));
    const list = throughPipe(dir, 'head -1', 'rules', 'list');
    expect(list.stdout.split('\n')).toHaveLength(2);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
  });
});

describe('failures are one clear line', () => {
  it('audit of a missing directory, a file and a non-repository', () => {
    const dir = workdir({ 'file.txt': 'x\n' });
    expectUsageError(runHushProcess(['audit', join(dir, 'nope')]), /nope: no such directory$/);
    expectUsageError(runHushProcess(['audit', join(dir, 'file.txt')]), /file\.txt: not a directory$/);
    expectUsageError(runHushProcess(['audit', dir]), /not a git repository/);
    expectUsageError(runHushProcess(['baseline', '--history', join(dir, 'nope')]), /nope: no such directory$/);
    expectUsageError(runHushProcess(['purge-plan', join(dir, 'nope'), '-o', join(temp.dir('hush-plan-'), 'plan.txt')]), /nope: no such directory$/);
  });
});

describe('custom rules from .hush.json', () => {
  const config = {
    rules: [
      {
        id: 'acme.internal-token',
        title: 'ACME internal token',
        description: 'Tokens of the ACME gateway.',
        severity: 'high',
        keywords: ['acme_'],
        pattern: '\\b(?<secret>acme_[a-z0-9]{24})\\b',
        examples: ['acme_0123456789abcdefghijklmn'],
      },
    ],
    disable: ['github.classic-pat'],
  };

  it('rules list, rules show and explain see them, by discovery and with --config', () => {
    const dir = initRepo(workdir({ '.hush.json': JSON.stringify(config), 'src/app/main.py': 'print()\n' }));
    const sub = join(dir, 'src/app');
    const list = runHushProcess(['rules', 'list'], sub);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^acme\.internal-token +high +ACME internal token$/m);
    expect(list.stdout).not.toMatch(/^github\.classic-pat /m);
    const json = JSON.parse(runHushProcess(['rules', 'list', '-f', 'json'], sub).stdout);
    expect(json.map((r: { id: string }) => r.id)).toContain('acme.internal-token');
    const show = runHushProcess(['rules', 'show', 'acme.internal-token'], sub);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^acme\.internal-token \(high\)/);
    expect(runHushProcess(['explain', 'acme.internal-token'], sub).stdout).toMatch(/ACME internal token/);
    // A disabled built-in is not run, but its playbook stays readable.
    expect(runHushProcess(['rules', 'show', 'github.classic-pat'], sub).code).toBe(0);

    const elsewhere = workdir({ 'team.json': JSON.stringify(config) });
    const plain = workdir({});
    expect(runHushProcess(['rules', 'list'], plain).stdout).not.toMatch(/acme\.internal-token/);
    expect(runHushProcess(['rules', 'list', '--config', join(elsewhere, 'team.json')], plain).stdout).toMatch(/^acme\.internal-token /m);
    expect(runHushProcess(['rules', 'show', 'acme.internal-token', '-c', join(elsewhere, 'team.json')], plain).code).toBe(0);
    expectUsageError(runHushProcess(['rules', 'list', '--config', join(elsewhere, 'missing.json')], plain), /config file not found/);
  });
});

describe('generic.cli-password', () => {
  it('reports the password, not the command', () => {
    const dir = workdir({
      'deploy.sh':
        'curl -s -u deploy:Vq7RmX2kTz9Lw https://ci.example.com/api/builds\nPGPASSWORD=Tn4sQe8LzW2r psql -h db.internal -U app orders\nsshpass -p Hq2Lw8XvN4tR ssh deploy@10.0.0.12\n',
    });
    const report = JSON.parse(runHushProcess(['scan', dir, '-f', 'json']).stdout);
    const found = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'generic.cli-password');
    expect(found.map((f: { line: number; column: number; endColumn: number }) => [f.line, f.column, f.endColumn])).toEqual([
      [1, 19, 32],
      [2, 12, 24],
      [3, 12, 24],
    ]);
    for (const f of found) expect(f.secret).not.toMatch(/^(curl|PGPA|sshp)/);
    // Documentation that shows the command with a stand-in password is not a leak.
    const docs = workdir({ 'README.md': 'Check it with `curl -u user:password https://api.example.com/health`, or `curl -u user:password`.\n' });
    expect(runHushProcess(['scan', docs]).code).toBe(0);
  });
});

describe('start-up', () => {
  it('parses `hook run`, what installed hooks run, as yargs does (without building yargs)', async () => {
    const fields = (parsed: Awaited<ReturnType<typeof parseCommandLine>>) => {
      if (parsed.kind !== 'command' || parsed.command.name !== 'hook') return parsed;
      const { action, manager, server, gitDir, config, quiet } = parsed.command.args;
      return { debug: parsed.debug, action, manager, server, gitDir, config, quiet };
    };
    const fast = fields(await parseCommandLine(['hook', 'run'], 100));
    // Any other spelling goes through yargs: the same command, parsed there.
    expect(fields(await parseCommandLine(['hook', 'run', '--no-debug'], 100))).toEqual(fast);
    expect(fields(await parseCommandLine(['hook', 'run', '--quiet=false'], 100))).toEqual(fast);
    expect(fast).toEqual({ debug: false, action: 'run', manager: undefined, server: undefined, gitDir: undefined, config: undefined, quiet: false });
  });

  it('hush hook run loads the hook command alone, no other command’s code', () => {
    const dir = initRepo(temp.dir('hush-cli-hook-'));
    commit(dir, { 'README.md': '# app\n' }, 'init');
    write(dir, 'notes.txt', 'nothing secret\n');
    git(dir, 'add', 'notes.txt');
    const run = loadedModules(dir, ['hook', 'run']);
    expect(run.code).toBe(0);
    const cli = run.modules
      .filter((m) => m.includes('/packages/cli/dist/'))
      .map((m) => m.slice(m.indexOf('/packages/cli/dist/') + '/packages/cli/dist/'.length));
    expect(cli).toContain('commands/hook.js');
    expect(cli.filter((m) => m.startsWith('commands/') && m !== 'commands/hook.js')).toEqual([]);
    expect(cli).not.toContain('report.js');
  });
});

/** Runs the built bin under a module-load hook and returns every file module it loaded. */
function loadedModules(cwd: string, args: string[]): { code: number; modules: string[] } {
  const dir = temp.dir('hush-loads-');
  const log = join(dir, 'loaded.txt');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  const bin = join(repoRoot, 'packages/cli/bin/hush.js');
  const run = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), bin, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: run.status ?? -1, modules: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
}
