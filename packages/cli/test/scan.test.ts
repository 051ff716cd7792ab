// The foundation's acceptance, end to end through the CLI: formats, positions, exit codes, config.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { multitoolErrors, runHush, sarifSchemaErrors } from './helpers.js';
import { fixtures, runHushProcess, perTestTemp } from '../../../test-support/helpers.js';

const ENTRA = 'xSd8Q~kMkO.PW2~B3DgSWF5hVMHn1uLWOzi5pV3z';
const GITHUB = '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';
const sample = join(fixtures, 'sample-app');
const rsaKey = readFileSync(join(fixtures, '../packages/rules/data/examples/rsa-pkcs1.pem'), 'utf8');
const publicCert = readFileSync(join(fixtures, '../packages/rules/data/examples/certificate.pem'), 'utf8');

const temp = perTestTemp();
function workdir(files: Record<string, string>): string {
  const dir = temp.dir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('hush scan', () => {
  it('emits SARIF that the official schema and the SARIF Multitool (Sarif;Gh) accept, with playbooks in help', () => {
    const dir = temp.dir();
    const out = join(dir, 'report.sarif');
    const run = runHushProcess(['scan', sample, '--format', 'sarif', '--output', out]);
    expect(run.code).toBe(1);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(multitoolErrors(out)).toEqual([]);
    const run0 = log.runs[0];
    expect(run0.results.length).toBeGreaterThanOrEqual(4);
    for (const result of run0.results) {
      const rule = run0.tool.driver.rules[result.ruleIndex];
      expect(rule.id).toBe(result.ruleId);
      expect(rule.help.markdown).toContain('Rotate it now');
      expect(rule.help.text.length).toBeGreaterThan(200);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:\d+$/);
    }
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(ENTRA);
    expect(text).not.toContain(GITHUB);
  });

  it('finds a planted Entra secret, RSA key and GitHub token at the right line and column, and not the look-alikes', async () => {
    const dir = workdir({
      'appsettings.json': `{\n  "AzureAd": {\n    "ClientId": "8f3b2a4c-1d5e-4f6a-9b7c-0d1e2f3a4b5c",\n    "ClientSecret": "${ENTRA}",\n    "Other": "<your-client-secret>"\n  }\n}\n`,
      'deploy/id_rsa': `# deploy key\n${rsaKey}`,
      'ci.sh': `#!/bin/sh\n  export GITHUB_TOKEN=${GITHUB}\n`,
      'certs/public.pem': publicCert,
      'placeholder.json': '{ "ClientSecret": "<your-client-secret>" }\n',
    });
    const run = await runHush(['scan', dir, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const byPath = Object.fromEntries(report.findings.map((f: { path: string }) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['appsettings.json', 'ci.sh', 'deploy/id_rsa']);
    expect(byPath['appsettings.json']).toMatchObject({
      ruleId: 'azure.entra-client-secret',
      line: 4,
      column: 22,
      endLine: 4,
      endColumn: 62,
      severity: 'critical',
    });
    expect(byPath['ci.sh']).toMatchObject({ ruleId: 'github.classic-pat', line: 2, column: 23, endLine: 2, endColumn: 63, validity: 'checksum-valid' });
    expect(byPath['deploy/id_rsa']).toMatchObject({ ruleId: 'key.rsa-private-key', line: 2, column: 1, endLine: 16, validity: 'parsed' });
    expect(byPath['deploy/id_rsa'].details).toMatchObject({ keyType: 'rsa', keyBits: 1024 });
    for (const f of report.findings) {
      expect(f.secret).toMatch(/\*{8}$/);
      expect(f.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(f.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(f.guidance.steps.length).toBeGreaterThan(0);
      expect(f.guidance.references.length).toBeGreaterThan(0);
    }
    expect(run.stdout).not.toContain(ENTRA);
    expect(run.stdout).not.toContain(GITHUB);
    expect(run.stdout).not.toContain(rsaKey.split('\n')[1]);
    expect(report.version).toBe('1');
    expect(report.stats.filesScanned).toBe(5);
  });

  it('keeps the secret hash when the secret moves to another line', async () => {
    const a = await runHush(['scan', workdir({ 'a.env': `GITHUB_TOKEN=${GITHUB}\n` }), '-f', 'json']);
    const b = await runHush(['scan', workdir({ 'a.env': `\n\n# moved\nGITHUB_TOKEN=${GITHUB}\n` }), '-f', 'json']);
    const [fa, fb] = [JSON.parse(a.stdout).findings[0], JSON.parse(b.stdout).findings[0]];
    expect(fa.secretHash).toBe(fb.secretHash);
    expect(fa.fingerprint).not.toBe(fb.fingerprint);
  });

  it('shows secrets only with --show-secrets', async () => {
    const dir = workdir({ '.env': `GITHUB_TOKEN=${GITHUB}\n` });
    expect((await runHush(['scan', dir])).stdout).not.toContain(GITHUB);
    expect((await runHush(['scan', dir, '--show-secrets'])).stdout).toContain(GITHUB);
  });

  it('exits 0 on a clean tree and prints the summary', async () => {
    const run = await runHush(['scan', workdir({ 'a.txt': 'nothing to see\n' })]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no secrets found');
  });

  it('exits 2 with one line for a path that does not exist or a bad option', async () => {
    const missing = await runHush(['scan', '/definitely/not/here']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual(['hush: no such file or directory: /definitely/not/here']);
    const badFormat = await runHush(['scan', '.', '--format', 'xml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/^hush: .*format/m);
    const badJobs = await runHush(['scan', '.', '--jobs', '0']);
    expect(badJobs.code).toBe(2);
  });

  it('honours .gitignore at every level, --include/--exclude, the size cap and binary files', async () => {
    const dir = workdir({
      '.gitignore': 'ignored-root.env\n',
      'sub/.gitignore': '*.local\n',
      'ignored-root.env': `GITHUB_TOKEN=${GITHUB}\n`,
      'sub/settings.local': `GITHUB_TOKEN=${GITHUB}\n`,
      'sub/kept.env': `GITHUB_TOKEN=${GITHUB}\n`,
      'big.txt': `${'x'.repeat(2000)}\nGITHUB_TOKEN=${GITHUB}\n`,
      'other/kept.txt': `GITHUB_TOKEN=${GITHUB}\n`,
    });
    writeFileSync(join(dir, 'blob.bin'), Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`GITHUB_TOKEN=${GITHUB}`)]));
    const all = JSON.parse((await runHush(['scan', dir, '-f', 'json', '--max-file-size', '1000'])).stdout);
    expect(all.findings.map((f: { path: string }) => f.path).sort()).toEqual(['other/kept.txt', 'sub/kept.env']);
    expect(all.skipped).toContainEqual(expect.objectContaining({ path: 'big.txt', reason: 'too-large' }));
    expect(all.skipped).toContainEqual(expect.objectContaining({ path: 'blob.bin', reason: 'binary' }));
    const included = JSON.parse((await runHush(['scan', dir, '-f', 'json', '--include', 'sub/**'])).stdout);
    expect(included.findings.map((f: { path: string }) => f.path)).toEqual(['sub/kept.env']);
    const excluded = JSON.parse((await runHush(['scan', dir, '-f', 'json', '--exclude', 'sub/**', '--exclude', 'big.txt'])).stdout);
    expect(excluded.findings.map((f: { path: string }) => f.path)).toEqual(['other/kept.txt']);
  });

  it('expands glob targets', async () => {
    const dir = workdir({ 'src/a.env': `GITHUB_TOKEN=${GITHUB}\n`, 'src/deep/b.env': `GITHUB_TOKEN=${GITHUB}\n`, 'other.env': `GITHUB_TOKEN=${GITHUB}\n` });
    const report = JSON.parse((await runHush(['scan', 'src/**/*.env', '-f', 'json'], dir)).stdout);
    expect(report.findings.map((f: { path: string }) => f.path).sort()).toEqual(['src/a.env', 'src/deep/b.env']);
  });

  it('does not follow symlinks out of the scanned root', async () => {
    const outside = workdir({ 'secret.env': `GITHUB_TOKEN=${GITHUB}\n` });
    const dir = workdir({ 'readme.txt': 'hello\n' });
    symlinkSync(join(outside, 'secret.env'), join(dir, 'link.env'));
    const report = JSON.parse((await runHush(['scan', dir, '-f', 'json'])).stdout);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toContainEqual(expect.objectContaining({ path: 'link.env', reason: 'symlink-outside-root' }));
  });
});

describe('.hush.json', () => {
  it('exits 2 with one line naming the bad key', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ maxFileSize: 'big' }, /maxFileSize must be integer/],
      // Named by position: a key or an entry may be a secret pasted in the wrong place.
      [{ unknownKey: true }, /top-level key #1 is not a known setting/],
      [{ disable: ['no.such-rule'] }, /disable: entry #1 is not the id of any rule/],
      [{ rules: [{ id: 'my.rule', title: 'Mine', description: 'desc', severity: 'urgent', pattern: '(x)', examples: [] }] }, /severity must be one of/],
      [
        { rules: [{ id: 'my.rule', title: 'Mine', description: 'desc', severity: 'high', pattern: '([a-z', examples: [] }] },
        /pattern is not a valid regular expression/,
      ],
      [{ allow: { secrets: ['('] } }, /allow\/secrets\/0 is not a valid regular expression/],
    ];
    for (const [config, message] of cases) {
      const dir = workdir({ '.hush.json': JSON.stringify(config), 'a.txt': 'x\n' });
      const run = await runHush(['scan', dir]);
      expect(run.code, JSON.stringify(config)).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toContain('.hush.json');
    }
    const broken = workdir({ '.hush.json': '{ "disable": [', 'a.txt': 'x\n' });
    const run = await runHush(['scan', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('invalid JSON');
  });

  it('adds user rules (with the generic playbook), disables rules and allow-lists paths and secrets', async () => {
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
      // The generic rule would report the GitHub token once its own rule is off.
      disable: ['github.classic-pat', 'generic.credential-assignment', 'generic.credential-assignment-config'],
      allow: { paths: ['vendor/**'], secrets: ['^npm_v0x'] },
    };
    const dir = workdir({
      '.hush.json': JSON.stringify(config),
      'app.env': `ACME=acme_k3j4h5g6f7d8s9a0q1w2e3r4\nGITHUB_TOKEN=${GITHUB}\nNPM=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\n`,
      'vendor/lib.env': 'ACME=acme_z9y8x7w6v5u4t3s2r1q0p9o8\n',
    });
    const report = JSON.parse((await runHush(['scan', dir, '-f', 'json'])).stdout);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['acme.internal-token']);
    expect(report.findings[0].guidance.summary).toMatch(/credential written into source/);
  });

  it('is found in the repository root when a subdirectory is scanned', async () => {
    const dir = workdir({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.hush.json': JSON.stringify({ allow: { paths: ['**/vendored.env'] } }),
      'services/api/vendored.env': `GITHUB_TOKEN=${GITHUB}\n`,
      'services/api/app.env': `GITHUB_TOKEN=${GITHUB}\n`,
    });
    const report = JSON.parse((await runHush(['scan', join(dir, 'services/api'), '-f', 'json'])).stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['app.env']);
  });

  it('is found with --config anywhere', async () => {
    const cfg = workdir({
      'custom.json': JSON.stringify({ disable: ['github.classic-pat', 'generic.credential-assignment', 'generic.credential-assignment-config'] }),
    });
    const dir = workdir({ 'notes.txt': `GITHUB_TOKEN=${GITHUB}\n` });
    expect((await runHush(['scan', dir])).code).toBe(1);
    expect((await runHush(['scan', dir, '--config', join(cfg, 'custom.json')])).code).toBe(0);
    const missing = await runHush(['scan', dir, '--config', join(cfg, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/config file not found/);
  });
});

describe('hush rules', () => {
  it('lists at least 30 rules and shows a playbook', async () => {
    const list = await runHush(['rules', 'list']);
    expect(list.code).toBe(0);
    expect(Number(/(\d+) rules/.exec(list.stdout)![1])).toBeGreaterThanOrEqual(30);
    const show = await runHush(['rules', 'show', 'azure.entra-client-secret']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Certificates & secrets');
    expect(show.stdout).toMatch(/managed identity/i);
    expect(show.stdout).toMatch(/federated identity credential/i);
    const unknown = await runHush(['rules', 'show', 'nope']);
    expect(unknown.code).toBe(2);
  });

  it('prints --help and --version', () => {
    const help = runHushProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hush scan');
    expect(runHushProcess(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('private key and certificate', () => {
  it('reports the SHA-1 thumbprint (as Entra lists it) of a certificate for the leaked key found in the same scan', async () => {
    const { execFileSync } = await import('node:child_process');
    const { X509Certificate } = await import('node:crypto');
    const dir = workdir({});
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        join(dir, 'app.key'),
        '-out',
        join(dir, 'app.crt'),
        '-days',
        '30',
        '-subj',
        '/CN=hush-test',
      ],
      { stdio: 'ignore' },
    );
    const report = JSON.parse((await runHush(['scan', dir, '-f', 'json'])).stdout);
    expect(report.findings).toHaveLength(1);
    const expected = new X509Certificate(readFileSync(join(dir, 'app.crt'))).fingerprint.replace(/:/g, '');
    expect(report.findings[0].details).toMatchObject({ certificateThumbprint: expected, certificateSubject: 'CN=hush-test' });
  });
});
