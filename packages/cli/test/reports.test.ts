// What reports say and how much: --show-secrets on audits (cached too), SARIF URIs, fingerprints that
// `hush explain` resolves from anywhere in the repository, findings grouped by rule, a capped hook
// message, and an honest count for a cached audit.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from '../../../test-support/git.js';
import { runHush, sarifSchemaErrors } from './helpers.js';
import { perTestTemp } from '../../../test-support/helpers.js';

const GITHUB = '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';
const NPM = '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';
const temp = perTestTemp();

/** A distinct URL password per index (generic.url-credentials finds each). */
const urlPassword = (i: number) => `postgres://app:Qx7${i}vL9m${i}Rt2w@db${i}.internal:5432/app`;

describe('reports', () => {
  it('audit --show-secrets prints secrets in text and JSON, on a fresh and on a cached audit', async () => {
    const dir = initRepo(temp.dir('hush-show-'));
    commit(dir, { 'app.env': `GITHUB_TOKEN=${GITHUB}\n` }, 'one');
    commit(dir, { 'app.env': null }, 'removed');
    for (const round of ['fresh', 'cached']) {
      const text = await runHush(['audit', dir, '--show-secrets']);
      const json = JSON.parse((await runHush(['audit', dir, '-f', 'json', '--show-secrets'])).stdout);
      expect(text.stdout, round).toContain(GITHUB);
      expect(json.findings[0].secret, round).toBe(GITHUB);
      expect(json.findings[0].snippet, round).toBe(`GITHUB_TOKEN=${GITHUB}`);
    }
    // Without the flag the cached audit still redacts.
    const plain = await runHush(['audit', dir, '-f', 'json']);
    expect(plain.stdout).not.toContain(GITHUB);
    expect(JSON.parse(plain.stdout).findings[0].snippet).toBe('GITHUB_TOKEN=ghp_********');
  });

  it('percent-encodes SARIF file URIs', async () => {
    const dir = temp.dir('hush-uri-');
    const names = {
      'a#b.py': 'a%23b.py',
      'q?x=1.py': 'q%3Fx%3D1.py',
      'my file.py': 'my%20file.py',
      'é.py': '%C3%A9.py',
      'sub dir/100%.py': 'sub%20dir/100%25.py',
    };
    for (const name of Object.keys(names)) write(dir, name, `TOKEN = "${GITHUB}"\n`);
    const log = JSON.parse((await runHush(['scan', dir, '-f', 'sarif'])).stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const uris = log.runs[0].results.map(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri,
    );
    expect(uris.sort()).toEqual(Object.values(names).sort());
    // Each resolves back to its file under SRCROOT.
    const root = log.runs[0].originalUriBaseIds.SRCROOT.uri;
    for (const [name, uri] of Object.entries(names)) expect(decodeURIComponent(new URL(uri, root).pathname)).toBe(join(dir, name));
  });

  it('resolves a fingerprint from anywhere in the repository, including the short one in the text report', async () => {
    const dir = initRepo(temp.dir('hush-fp-'));
    commit(dir, { 'README.md': 'hi\n' }, 'init');
    write(dir, 'services/api/app.env', `GITHUB_TOKEN=${GITHUB}\n`);
    mkdirSync(join(dir, 'docs'));
    // Scanned from the service's directory, explained from another one.
    const json = JSON.parse((await runHush(['scan', '.', '-f', 'json'], join(dir, 'services/api'))).stdout);
    const fingerprint = json.findings[0].fingerprint;
    const fromDocs = await runHush(['explain', fingerprint], join(dir, 'docs'));
    expect(fromDocs.code).toBe(0);
    expect(fromDocs.stdout).toContain('services/api/app.env:1');
    // The text report's short fingerprint works too, from the root's report, explained in a subdirectory.
    const text = (await runHush(['scan', dir])).stdout;
    const short = /#([0-9a-f]{12})\b/.exec(text)?.[1];
    expect(short).toBe(fingerprint.slice(0, 12));
    const fromSub = await runHush(['explain', short!], join(dir, 'services'));
    expect(fromSub.code).toBe(0);
    expect(fromSub.stdout).toContain('GitHub');
    // And the secret hash printed in JSON.
    expect((await runHush(['explain', json.findings[0].secretHash.slice(0, 16)], join(dir, 'docs'))).code).toBe(0);
  });

  it('groups the text report by rule: the first rotation step once per rule', async () => {
    const dir = temp.dir('hush-group-');
    for (let i = 0; i < 6; i++) write(dir, `svc${i}/app.env`, `GITHUB_TOKEN=${GITHUB}\nNPM_TOKEN=${NPM}\n`);
    const json = JSON.parse((await runHush(['scan', dir, '-f', 'json'])).stdout);
    const text = (await runHush(['scan', dir])).stdout;
    expect(json.findings).toHaveLength(12);
    for (const ruleId of ['github.classic-pat', 'npm.access-token']) {
      const step = json.findings.find((f: { ruleId: string }) => f.ruleId === ruleId).guidance.steps[0];
      expect(text.split(step).length - 1, ruleId).toBe(1);
      expect(text).toContain(`[${ruleId}] 6 findings`);
    }
    for (let i = 0; i < 6; i++) expect(text).toContain(`svc${i}/app.env:1:14`);
    expect(text.split('\n').length).toBeLessThan(12 * 2 + 10);
  });

  it('caps the hook message and counts the findings it leaves out', async () => {
    const dir = initRepo(temp.dir('hush-cap-'));
    commit(dir, { 'README.md': 'hi\n' }, 'init');
    for (let i = 0; i < 30; i++) write(dir, `conf/db${String(i).padStart(2, '0')}.env`, `DATABASE_URL=${urlPassword(i)}\n`);
    git(dir, 'add', 'conf');
    const run = await runHush(['hook', 'run'], dir);
    const message = run.stdout + run.stderr;
    expect(run.code).toBe(1);
    expect(message).toContain('adds 30 secrets');
    expect(message.match(/conf\/db\d\d\.env:1:/g)).toHaveLength(20);
    expect(message).toContain('and 10 more');
    expect(message.split('\n').length).toBeLessThan(40);
  });

  it('a cached audit counts the blobs it took from the cache instead of saying 0 scanned', async () => {
    const dir = initRepo(temp.dir('hush-cached-'));
    commit(dir, { 'a.txt': 'plain\n', 'app.env': `GITHUB_TOKEN=${GITHUB}\n` }, 'one');
    const first = (await runHush(['audit', dir])).stdout;
    const second = (await runHush(['audit', dir])).stdout;
    expect(first).toMatch(/; 2 blobs scanned in/);
    expect(second).not.toMatch(/\b0 blobs scanned/);
    expect(second).toMatch(/; 2 blobs scanned \(2 from cache\) in/);
  });
});
