// Adoption workflow: baselines (create, reformat, prune, import), inline markers, SARIF suppressions.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { multitoolErrors, runHush, sarifSchemaErrors } from './helpers.js';
import { perTestTemp } from '../../../test-support/helpers.js';

const OLD = {
  github: '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',
  npm: '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',
  entra: 'xSd8Q~kMkO.PW2~B3DgSWF5hVMHn1uLWOzi5pV3z',
};
const NEW = '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';
const temp = perTestTemp();
function repoWithOldSecrets(): string {
  const d = temp.dir('hush-adopt-');
  initRepo(d);
  commit(
    d,
    {
      'ci.env': `GITHUB_TOKEN=${OLD.github}\n`,
      '.npmrc': `//registry.npmjs.org/:_authToken=${OLD.npm}\n`,
      'appsettings.json': `{ "ClientSecret": "${OLD.entra}" }\n`,
    },
    'old secrets',
  );
  return d;
}
const findingsOf = (stdout: string) => JSON.parse(stdout).findings as Array<{ ruleId: string; path: string; line: number; suppression?: { kind: string } }>;

describe('baseline', () => {
  it('after a baseline, scan, audit and staged report only the new secret', async () => {
    const dir = repoWithOldSecrets();
    const made = await runHush(['baseline'], dir);
    expect(made.code).toBe(0);
    const baselineText = readFileSync(join(dir, '.hush-baseline.json'), 'utf8');
    expect(JSON.parse(baselineText).entries).toHaveLength(3);
    for (const secret of Object.values(OLD)) expect(baselineText).not.toContain(secret);
    git(dir, 'add', '.hush-baseline.json');
    git(dir, 'commit', '-q', '-m', 'baseline');
    expect((await runHush(['scan', '.'], dir)).code).toBe(0);
    write(dir, 'deploy.env', `DEPLOY_TOKEN=${NEW}\n`);
    git(dir, 'add', 'deploy.env');
    for (const args of [['scan', '.'], ['staged'], ['audit', '.', '--no-cache']]) {
      if (args[0] === 'audit') git(dir, 'commit', '-q', '--no-verify', '-m', 'new secret');
      const run = await runHush([...args, '-f', 'json'], dir);
      expect(run.code, args.join(' ')).toBe(1);
      expect(
        findingsOf(run.stdout).map((f) => f.path),
        args.join(' '),
      ).toEqual(['deploy.env']);
    }
    const all = await runHush(['scan', '.', '-f', 'json', '--include-suppressed'], dir);
    expect(findingsOf(all.stdout).filter((f) => f.suppression?.kind === 'external')).toHaveLength(3);
  });

  it('keeps a reformatted file baselined, and --prune drops a fixed secret', async () => {
    const dir = repoWithOldSecrets();
    await runHush(['baseline'], dir);
    writeFileSync(join(dir, 'appsettings.json'), `{\n\n  "Logging": { "Level": "Info" },\n  "ClientSecret":    "${OLD.entra}"\n}\n`);
    expect((await runHush(['scan', '.'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'ci.env'), 'GITHUB_TOKEN=${GITHUB_TOKEN}\n');
    const pruned = await runHush(['baseline', '--prune'], dir);
    expect(pruned.stdout).toMatch(/pruned 1 entry/);
    expect(
      JSON.parse(readFileSync(join(dir, '.hush-baseline.json'), 'utf8'))
        .entries.map((e: { ruleId: string }) => e.ruleId)
        .sort(),
    ).toEqual(['azure.entra-client-secret', 'npm.access-token']);
  });

  it('imports a gitleaks report and a detect-secrets baseline that suppress the same findings', async () => {
    const dir = repoWithOldSecrets();
    write(
      dir,
      'gitleaks.json',
      JSON.stringify([
        { RuleID: 'github-pat', File: 'ci.env', StartLine: 1, EndLine: 1, Secret: 'REDACTED', Fingerprint: 'abc:ci.env:github-pat:1' },
        { RuleID: 'npm-access-token', File: '.npmrc', StartLine: 1, EndLine: 1, Secret: OLD.npm, Fingerprint: 'abc:.npmrc:npm-access-token:1' },
      ]),
    );
    const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
    write(
      dir,
      '.secrets.baseline',
      JSON.stringify({
        version: '1.5.0',
        results: {
          'ci.env': [{ type: 'GitHub Token', filename: 'ci.env', hashed_secret: sha1(OLD.github), is_verified: false, line_number: 1 }],
          '.npmrc': [{ type: 'NPM tokens', filename: '.npmrc', hashed_secret: sha1(OLD.npm), is_verified: false, line_number: 1 }],
        },
      }),
    );
    const fromGitleaks = await runHush(['baseline', '--import', 'gitleaks', '--from', 'gitleaks.json', '-o', 'from-gitleaks.json'], dir);
    expect(fromGitleaks.code).toBe(0);
    const fromDetectSecrets = await runHush(['baseline', '--import', 'detect-secrets', '--from', '.secrets.baseline', '-o', 'from-ds.json'], dir);
    expect(fromDetectSecrets.code).toBe(0);
    const remaining = async (baseline: string) =>
      findingsOf(
        (
          await runHush(
            ['scan', '.', '-f', 'json', '--baseline', baseline, '--exclude', 'from-*.json', '--exclude', 'gitleaks.json', '--exclude', '.secrets.baseline'],
            dir,
          )
        ).stdout,
      ).map((f) => f.path);
    expect(await remaining('from-gitleaks.json')).toEqual(['appsettings.json']);
    expect(await remaining('from-ds.json')).toEqual(['appsettings.json']);
  });

  it('a bad baseline exits 2 with one line', async () => {
    const dir = repoWithOldSecrets();
    write(dir, 'bad.json', '{"entries": [{"ruleId": 1}]}');
    const run = await runHush(['scan', '.', '--baseline', 'bad.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('inline markers', () => {
  it('each marker suppresses exactly its line (and the next for the line-before form)', async () => {
    const d = temp.dir('hush-inline-');
    const t = OLD.github;
    write(
      d,
      'a.sh',
      [
        `A=${t} # hush:ignore`,
        `B=${t}`,
        '# hush:ignore',
        `C=${t}`,
        `D=${t}`,
        `E=${t} # gitleaks:allow`,
        `F=${t} # pragma: allowlist secret`,
        `G=${t} # hush:ignore npm.access-token`,
        `H=${t} # hush:ignore github.classic-pat`,
        '',
      ].join('\n'),
    );
    const run = await runHush(['scan', d, '-f', 'json']);
    expect(findingsOf(run.stdout).map((f) => f.line)).toEqual([2, 5, 8]);
    const all = await runHush(['scan', d, '-f', 'json', '--include-suppressed']);
    expect(
      findingsOf(all.stdout)
        .filter((f) => f.suppression?.kind === 'inSource')
        .map((f) => f.line),
    ).toEqual([1, 4, 6, 7, 9]);
  });

  it('SARIF with suppressions passes the schema and the Multitool', async () => {
    const dir = repoWithOldSecrets();
    await runHush(['baseline'], dir);
    write(dir, 'x.sh', `X=${NEW} # hush:ignore\n`);
    const out = join(dir, 'out.sarif');
    await runHush(['scan', '.', '-f', 'sarif', '-o', out, '--include-suppressed', '--exclude', '*.sarif'], dir);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const kinds = log.runs[0].results.map((r: { suppressions?: Array<{ kind: string }> }) => r.suppressions?.[0]?.kind).sort();
    expect(kinds).toEqual(['external', 'external', 'external', 'inSource']);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(multitoolErrors(out)).toEqual([]);
  });
});

describe('config allow-lists', () => {
  it('suppress findings without losing them: --include-suppressed lists them as external suppressions', async () => {
    const d = temp.dir('hush-allow-');
    write(d, '.hush.json', JSON.stringify({ allow: { secrets: ['^ghp_dbpOL'], stopwords: ['LyMlws'] } }));
    write(d, 'a.env', `A=${OLD.github}\nB=${NEW}\nC=${OLD.npm}\n`);
    const plain = await runHush(['scan', d, '-f', 'json']);
    expect(findingsOf(plain.stdout).map((f) => f.line)).toEqual([3]);
    const all = findingsOf((await runHush(['scan', d, '-f', 'json', '--include-suppressed'])).stdout);
    expect(all.filter((f) => f.suppression?.kind === 'external').map((f) => f.line)).toEqual([1, 2]);
  });
});

describe('explain', () => {
  it('prints the playbook for a rule id and for a finding fingerprint, with the introducing commit', async () => {
    const dir = repoWithOldSecrets();
    const byRule = await runHush(['explain', 'azure.entra-client-secret'], dir);
    expect(byRule.stdout).toContain('Certificates & secrets');
    const audit = JSON.parse((await runHush(['audit', '.', '-f', 'json'], dir)).stdout);
    const target = audit.findings.find((f: { ruleId: string }) => f.ruleId === 'github.classic-pat');
    const byFingerprint = await runHush(['explain', target.secretHash.slice(0, 16)], dir);
    expect(byFingerprint.code).toBe(0);
    expect(byFingerprint.stdout).toContain(`First introduced in commit ${target.commit.sha}`);
    expect(byFingerprint.stdout).toContain('Revoke it');
    expect(byFingerprint.stdout).not.toContain(OLD.github);
    expect((await runHush(['explain', 'nope'], dir)).code).toBe(2);
  });
});
