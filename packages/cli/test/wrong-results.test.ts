// Issue 12, "Wrong results": each case once missed a secret or misplaced it; all through the real CLI.
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { runHush } from './helpers.js';
import { perTestTemp } from '../../../test-support/helpers.js';

const GITHUB = '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';
const temp = perTestTemp();

interface JsonReport {
  findings: Array<{
    ruleId: string;
    path: string;
    line: number;
    column: number;
    endColumn: number;
    secret: string;
    inHead?: boolean;
    commit?: { sha: string; path: string };
  }>;
  skipped: Array<{ path: string; reason: string; detail?: string }>;
  stats: { filesScanned: number };
}

async function scanJson(cwd: string, ...args: string[]): Promise<JsonReport> {
  const run = await runHush(['scan', ...args, '-f', 'json'], cwd);
  expect(run.code, run.stderr).toBeLessThan(2);
  return JSON.parse(run.stdout) as JsonReport;
}

/** A signed-looking JWT with an Entra-like payload padded to about `length` characters. */
function longJwt(length: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'RS256', typ: 'JWT', kid: 'test-key' });
  const claims = { aud: 'api://reports', iss: 'https://login.microsoftonline.com/tenant/v2.0', exp: 2051222400, iat: 1767225600, roles: [] as string[] };
  while (header.length + part(claims).length + 350 < length) claims.roles.push(`Reports.Read.${claims.roles.length}`);
  return `${header}.${part(claims)}.${randomBytes(256).toString('base64url')}`;
}

describe('keyword windows reach the end of long tokens', () => {
  it('finds a 2,500-character JWT in the middle of a long line, at its column', async () => {
    const d = temp.dir();
    const jwt = longJwt(2500);
    expect(jwt.length).toBeGreaterThan(2400);
    const before = `${'x'.repeat(3000)} Authorization: Bearer `;
    writeFileSync(join(d, 'trace.log'), `${before}${jwt} ${'y'.repeat(3000)}\n`);
    const report = await scanJson(d, '.');
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: 'generic.jwt', line: 1, column: before.length + 1, endColumn: before.length + jwt.length + 1 }),
    ]);
  });

  it('finds a SAS URL whose sv= parameter is far before its sig= keyword on a long line', async () => {
    const d = temp.dir();
    const signature = `${randomBytes(32).toString('base64').replace(/[+/=]/g, 'A')}%3D`;
    const url = `https://contosodata.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sp=r&se=2030-01-01&meta=${'m'.repeat(1800)}&sig=${signature}`;
    const before = `${'z '.repeat(1500)}url="`;
    writeFileSync(join(d, 'config.js'), `${before}${url}";\n`);
    const report = await scanJson(d, '.');
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'azure.storage-sas-token', line: 1, endColumn: before.length + url.length + 1 })]);
  });
});

describe('scan scope inside a git repository', () => {
  it('scans what git tracks (a committed .env that .gitignore matches too) plus untracked files git does not ignore', async () => {
    const d = initRepo(temp.dir());
    const outside = temp.dir();
    writeFileSync(join(outside, 'elsewhere.env'), `T=${GITHUB}\n`);
    write(d, '.gitignore', '.env\n*.log\n');
    write(d, '.env', `GITHUB_TOKEN=${GITHUB}\n`);
    write(d, 'gone.env', `GITHUB_TOKEN=${GITHUB}\n`);
    git(d, 'add', '-f', '.gitignore', '.env', 'gone.env');
    git(d, 'commit', '-q', '-m', 'config');
    unlinkSync(join(d, 'gone.env')); // tracked, deleted from the work tree: not an error
    write(d, 'src/new.env', `GITHUB_TOKEN=${GITHUB}\n`); // untracked, not ignored
    write(d, 'debug.log', `GITHUB_TOKEN=${GITHUB}\n`); // untracked and ignored
    symlinkSync(join(outside, 'elsewhere.env'), join(d, 'link.env'));
    const report = await scanJson(outside, d);
    expect(report.findings.map((f) => f.path).sort()).toEqual(['.env', 'src/new.env']);
    expect(report.skipped).toEqual([expect.objectContaining({ path: 'link.env', reason: 'symlink-outside-root' })]);
    const text = await runHush(['scan', d], outside);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('.env');
  });

  it('keeps the .gitignore walk outside a repository', async () => {
    const d = temp.dir();
    write(d, '.gitignore', '.env\n');
    write(d, '.env', `GITHUB_TOKEN=${GITHUB}\n`);
    write(d, 'app.env', `GITHUB_TOKEN=${GITHUB}\n`);
    const report = await scanJson(d, '.');
    expect(report.findings.map((f) => f.path)).toEqual(['app.env']);
  });

  it('lists checked-out nested repositories through their own git, and skips an uninitialised submodule', async () => {
    const d = initRepo(temp.dir());
    commit(d, { 'README.md': 'hello\n' }, 'one');
    mkdirSync(join(d, 'vendor-repo'));
    const nested = initRepo(join(d, 'vendor-repo'));
    write(nested, '.gitignore', 'secret.env\n');
    write(nested, 'secret.env', `GITHUB_TOKEN=${GITHUB}\n`);
    git(nested, 'add', '-f', '.gitignore', 'secret.env');
    git(nested, 'commit', '-q', '-m', 'nested');
    mkdirSync(join(d, 'empty-submodule'));
    git(d, 'update-index', '--add', '--cacheinfo', `160000,${git(d, 'rev-parse', 'HEAD')},empty-submodule`);
    const report = await scanJson(d, '.');
    expect(report.findings.map((f) => f.path)).toEqual(['vendor-repo/secret.env']);
  });
});

describe('--include and --exclude', () => {
  it('match relative to the scan root; a pattern without / matches a name at any depth', async () => {
    const d = temp.dir();
    const cwd = temp.dir();
    write(d, 'app/deep/settings.py', `TOKEN = "${GITHUB}"\n`);
    write(d, 'app/main.js', `const t = "${GITHUB}";\n`);
    write(d, 'vendor/lib/conf.py', `TOKEN = "${GITHUB}"\n`);
    write(d, 'top.py', `TOKEN = "${GITHUB}"\n`);
    const paths = async (...args: string[]) => (await scanJson(cwd, ...args)).findings.map((f) => f.path).sort();
    expect(await paths(d, '--include', '*.py')).toEqual(['app/deep/settings.py', 'top.py', 'vendor/lib/conf.py']);
    expect(await paths(d, '--include', '*.py', '--exclude', 'vendor')).toEqual(['app/deep/settings.py', 'top.py']);
    expect(await paths(d, '--include', 'app/**/*.py')).toEqual(['app/deep/settings.py']);
    expect(await paths(d, '--include', '/top.py')).toEqual(['top.py']);
    expect(await paths(d, '--exclude', 'lib/')).toEqual(['app/deep/settings.py', 'app/main.js', 'top.py']);
  });
});

const NPM = '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';
const URL_PASSWORD = 'Zq8vR2mLx9TkW4pB';

async function audit(dir: string, format: 'json' | 'text' | 'sarif', ...args: string[]) {
  const run = await runHush(['audit', dir, '-f', format, ...args]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return run.stdout;
}
const auditJson = async (dir: string, ...args: string[]) => JSON.parse(await audit(dir, 'json', ...args)) as JsonReport;

describe('audit locations', () => {
  it('reports a moved secret at its HEAD path and line, credited to the commit and path that introduced it', async () => {
    const d = initRepo(temp.dir());
    const added = commit(d, { 'old.env': `# app\nGITHUB_TOKEN=${GITHUB}\n` }, 'add');
    commit(d, { 'old.env': null, 'new.env': `# app\n# moved\nGITHUB_TOKEN=${GITHUB}\n` }, 'move');
    const report = await auditJson(d, '--no-cache');
    expect(report.findings).toEqual([
      expect.objectContaining({ path: 'new.env', line: 3, inHead: true, commit: expect.objectContaining({ sha: added, path: 'old.env' }) }),
    ]);
    const text = await audit(d, 'text', '--no-cache');
    expect(text).not.toContain('old.env:');
    expect(text).toContain('new.env:3');
    expect(text).toContain(`introduced in ${added.slice(0, 12)}`);
    expect(text).toContain('as old.env');
    expect(text).not.toContain('Only in history');
  });

  it('reports a copy at every HEAD path, and a secret HEAD no longer holds once, at its introduction, as not in HEAD', async () => {
    const d = initRepo(temp.dir());
    const added = commit(d, { 'a.env': `GITHUB_TOKEN=${GITHUB}\n`, 'gone.env': `\nNPM_TOKEN=${NPM}\n` }, 'add');
    commit(d, { 'b.env': `\n\nGITHUB_TOKEN=${GITHUB}\n`, 'gone.env': null }, 'copy, remove');
    commit(d, { 'later.env': `NPM_TOKEN=${NPM}\n` }, 'same secret again elsewhere');
    commit(d, { 'later.env': null }, 'remove again');
    const report = await auditJson(d, '--no-cache');
    const at = report.findings.map((f) => `${f.path}:${f.line}:${f.inHead}:${f.commit?.path}`).sort();
    expect(at).toEqual(['a.env:1:true:a.env', 'b.env:3:true:a.env', 'gone.env:2:false:gone.env']);
    expect(report.findings.find((f) => f.path === 'gone.env')!.commit!.sha).toBe(added);
    const text = await audit(d, 'text', '--no-cache');
    expect(text).toMatch(/Only in history[^\n]*\n[\s\S]*gone\.env:2/);
    expect(text).toContain('not in HEAD');
    const sarif = JSON.parse(await audit(d, 'sarif', '--no-cache'));
    const gone = sarif.runs[0].results.find(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.locations[0].physicalLocation.artifactLocation.uri === 'gone.env',
    );
    expect(gone.properties.inHead).toBe(false);
    expect(gone.message.text).toContain('not in HEAD');
  });
});

describe('audit sees every path a blob has', () => {
  it('finds a URL password first committed under a path the rule skips and then copied to one it does not', async () => {
    const d = initRepo(temp.dir());
    const line = `DATABASE_URL = "postgres://app:${URL_PASSWORD}@db1.internal:5432/app"\n`;
    commit(d, { 'settings.example.py': line }, 'example settings');
    const copied = commit(d, { 'settings.py': line }, 'real settings');
    const scan = await scanJson(d, '.');
    expect(scan.findings.map((f) => f.path)).toEqual(['settings.py']);
    for (const args of [['--no-cache'], [], []]) {
      // Fresh, then filling the cache, then from it.
      const report = await auditJson(d, ...args);
      expect(report.findings).toEqual([
        expect.objectContaining({
          ruleId: 'generic.url-credentials',
          path: 'settings.py',
          inHead: true,
          commit: expect.objectContaining({ sha: copied, path: 'settings.py' }),
        }),
      ]);
    }
  });
});

describe('mixed encodings and binary skips', () => {
  it('finds a secret after valid UTF-8 and 40 stray Windows-1252 quotes, and in UTF-16 LE/BE files without a BOM', async () => {
    const d = temp.dir();
    const stray = Buffer.from(Array.from({ length: 40 }, () => [0x73, 0x93, 0x0a]).flat()); // "s\x93\n" x 40
    writeFileSync(join(d, 'quotes.txt'), Buffer.concat([Buffer.from('# café\n'), stray, Buffer.from(`token=${GITHUB}\n`)]));
    const text = `[settings]\r\ntoken = ${GITHUB}\r\n`;
    writeFileSync(join(d, 'le.ini'), Buffer.from(text, 'utf16le'));
    const be = Buffer.from(text, 'utf16le');
    be.swap16();
    writeFileSync(join(d, 'be.ini'), be);
    const report = await scanJson(d, '.');
    const at = Object.fromEntries(report.findings.map((f) => [f.path, `${f.line}:${f.column}`]));
    expect(at).toEqual({ 'quotes.txt': '42:7', 'le.ini': '2:9', 'be.ini': '2:9' });
    expect(report.skipped).toEqual([]);
  });

  it('names skipped binary files in the text report and in the audit (text and JSON, cached or not)', async () => {
    const d = initRepo(temp.dir());
    commit(d, { 'app.env': `GITHUB_TOKEN=${GITHUB}\n` }, 'app');
    writeFileSync(join(d, 'blob.bin'), Buffer.concat([Buffer.alloc(64), Buffer.from(`GITHUB_TOKEN=${GITHUB}\n`)]));
    git(d, 'add', 'blob.bin');
    git(d, 'commit', '-q', '-m', 'binary');
    const scanText = await runHush(['scan', d]);
    expect(scanText.stdout).toMatch(/skipped[^\n]*blob\.bin[^\n]*binary|binary[^\n]*blob\.bin/);
    for (const args of [['--no-cache'], [], []]) {
      const report = await auditJson(d, ...args);
      expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'blob.bin', reason: 'binary' }));
      expect(await audit(d, 'text', ...args)).toMatch(/skipped[^\n]*blob\.bin[^\n]*binary|binary[^\n]*blob\.bin/);
    }
  });
});

describe('the secret of a pattern alternative that names its own group', () => {
  // A rule whose pattern has a second form (a legacy key after a URL or an assignment) names that form's
  // value with its own group: the finding is that value, never the URL or the assignment around it.
  it('reports only the value: a Functions key in a URL, a Sentry DSN secret, a Heroku and a Notion legacy key', async () => {
    const dir = temp.dir('hush-alt-');
    const random = (n: number, alphabet: string) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
    const alnum = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    const hex = '0123456789abcdef';
    const values = {
      'fn.js': random(40, alnum) + '==',
      'sentry.py': random(32, hex),
      'heroku.env': [8, 4, 4, 4, 12].map((n) => random(n, hex)).join('-'),
      'notion.ts': `secret_${random(43, alnum)}`,
    };
    const lines = {
      'fn.js': `const url = "https://contoso-fn.azurewebsites.net/api/HttpTrigger1?code=${values['fn.js']}";`,
      'sentry.py': `SENTRY_DSN = "https://${random(32, hex)}:${values['sentry.py']}@o4508.ingest.sentry.io/451"`,
      'heroku.env': `heroku_api_key: "${values['heroku.env']}"`,
      'notion.ts': `const notionToken = "${values['notion.ts']}";`,
    };
    for (const [name, line] of Object.entries(lines)) writeFileSync(join(dir, name), `${line}\n`);
    const report = await scanJson(dir, '.');
    const rules = { 'fn.js': 'azure.function-key', 'sentry.py': 'sentry.token', 'heroku.env': 'heroku.api-key', 'notion.ts': 'notion.integration-token' };
    for (const [name, line] of Object.entries(lines)) {
      const value = values[name as keyof typeof values];
      const column = line.indexOf(value) + 1;
      expect(report.findings).toContainEqual(
        expect.objectContaining({ path: name, ruleId: rules[name as keyof typeof rules], line: 1, column, endColumn: column + value.length }),
      );
    }
  });
});
