// A scanner must not become the leak: plant secrets, run every command in every format (stdout,
// stderr, --output files, baselines, the audit cache, the hook's message) and search it all for
// the raw values. Also: the same input gives byte-identical reports (durations aside).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from './git-helpers.js';
import { runHush, perTestTemp } from './helpers.js';

const rsa = readFileSync(join(__dirname, '../../rules/data/examples/rsa-pkcs1.pem'), 'utf8');
const SECRETS = {
  github: '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',
  entra: 'xSd8Q~kMkO.PW2~B3DgSWF5hVMHn1uLWOzi5pV3z',
  password: '3JxIsBu4rHlXXZkr',
  npm: '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',
};
/** Fragments that must never appear: each secret, and each long line of the private key body. */
const NEEDLES = [...Object.values(SECRETS), ...rsa.split('\n').filter((l) => l.length > 40)];
const temp = perTestTemp();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('no leaks', () => {
  it('no command, format or written file carries a raw secret', async () => {
    const d = temp.dir('hush-leak-');
    const out = temp.dir('hush-leak-out-');
    const dir = initRepo(d);
    commit(dir, { 'app.env': `GITHUB_TOKEN=${SECRETS.github}\nDB_PASSWORD=${SECRETS.password}\n`, 'appsettings.json': `{ "ClientSecret": "${SECRETS.entra}" }\n`, 'id_rsa': rsa }, 'secrets');
    commit(dir, { 'app.env': null }, 'remove one');
    write(dir, '.npmrc', `//registry.npmjs.org/:_authToken=${SECRETS.npm}\n`);
    git(dir, 'add', '.npmrc');
    let output = '';
    const record = (r: { stdout: string; stderr: string }) => (output += r.stdout + r.stderr);
    for (const format of ['text', 'json', 'sarif']) {
      record(await runHush(['scan', dir, '-f', format]));
      record(await runHush(['scan', dir, '-f', format, '-o', join(out, `scan.${format}`)]));
      record(await runHush(['audit', dir, '-f', format]));
      record(await runHush(['audit', dir, '-f', format, '-o', join(out, `audit.${format}`)]));
      record(await runHush(['staged', '-f', format], dir));
      record(await runHush(['scan', dir, '-f', format, '--include-suppressed', '--debug']));
    }
    record(await runHush(['baseline', dir, '-o', join(out, 'baseline.json')]));
    record(await runHush(['baseline', dir, '--history', '-o', join(out, 'baseline-history.json')]));
    record(await runHush(['hook', 'run'], dir));
    record(await runHush(['explain', 'github.classic-pat'], dir));
    record(await runHush(['scan', dir, '--config', join(dir, 'app.env')]));
    const audit = JSON.parse((await runHush(['audit', dir, '-f', 'json'])).stdout);
    for (const f of audit.findings) record(await runHush(['explain', f.secretHash], dir));
    expect(audit.findings.length).toBe(4); // the npm token is only staged
    const written = [...filesUnder(out), ...filesUnder(join(dir, '.git/hush'))].map((p) => readFileSync(p, 'utf8')).join('\n');
    expect(written.length).toBeGreaterThan(1000);
    for (const needle of NEEDLES) {
      expect(output.includes(needle), `output leaks ${needle.slice(0, 6)}…`).toBe(false);
      expect(written.includes(needle), `a written file leaks ${needle.slice(0, 6)}…`).toBe(false);
    }
    // The control: --show-secrets does print them, so the search above can find them.
    expect((await runHush(['scan', dir, '--show-secrets'])).stdout).toContain(SECRETS.entra);
  });

  it('gives byte-identical JSON and SARIF for the same input (durations aside)', async () => {
    const d = temp.dir('hush-det-');
    for (let i = 0; i < 80; i++) write(d, `m${i % 5}/f${i}.env`, i % 7 === 0 ? `GITHUB_TOKEN=${SECRETS.github}\nK=${SECRETS.npm}\n` : `X=${i}\n`);
    const strip = (json: string) => json.replace(/"durationMs": \d+/, '"durationMs": 0');
    const a = await runHush(['scan', d, '-f', 'json', '--jobs', '2']);
    const b = await runHush(['scan', d, '-f', 'json', '--jobs', '1']);
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    const s1 = await runHush(['scan', d, '-f', 'sarif', '--jobs', '2']);
    const s2 = await runHush(['scan', d, '-f', 'sarif', '--jobs', '2']);
    expect(s1.stdout).toBe(s2.stdout);
  });
});
