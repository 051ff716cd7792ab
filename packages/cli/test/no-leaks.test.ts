// A scanner must not become the leak: plant secrets, run every command in every format (stdout,
// stderr, --output files, baselines, the audit cache, the hook's message) and search it all for
// the raw values. Also: the same input gives byte-identical reports (durations aside).
import { createHash, createHmac, generateKeyPairSync, randomBytes, scryptSync } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commit, git, initRepo, write } from './git-helpers.js';
import { runHush, perTestTemp } from './helpers.js';
import { SECRET_CHUNK, base64Text, chunksOf, jwtOfLength, leakedChunk } from './leak-helpers.js';

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
    commit(
      dir,
      {
        'app.env': `GITHUB_TOKEN=${SECRETS.github}\nDB_PASSWORD=${SECRETS.password}\n`,
        'appsettings.json': `{ "ClientSecret": "${SECRETS.entra}" }\n`,
        id_rsa: rsa,
      },
      'secrets',
    );
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

  it('masks the whole of a long secret, and every other secret on its line, in snippets and the audit cache', async () => {
    const dir = initRepo(temp.dir('hush-long-'));
    const session = `IQoJb3JpZ2luX2Vj${base64Text(900)}`;
    const jwt = jwtOfLength(700);
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const serviceAccount = JSON.stringify({
      type: 'service_account',
      project_id: 'hush-test',
      private_key_id: randomBytes(20).toString('hex'),
      private_key: pem,
      client_email: 'ci@hush-test.iam.gserviceaccount.com',
    });
    const accessKey = 'AKIA3WZE54NDMT2AJKFM';
    const secretKey = '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';
    commit(
      dir,
      {
        'session.env': `aws_session_token = ${session}\n`,
        'jwt.env': `token = "${jwt}"\n`,
        'sa.json': `${serviceAccount}\n`,
        'pair.ini': `aws_access_key_id=${accessKey} aws_secret_access_key=${secretKey}\n`,
      },
      'long secrets',
    );
    expect(session.length).toBe(916);
    expect(serviceAccount).toContain('\\n'); // one line, the key's newlines escaped
    const secrets = [session, jwt, ...pem.split('\n').filter((l) => l.length >= SECRET_CHUNK && !l.startsWith('-----')), accessKey, secretKey];
    const outputs: string[] = [];
    for (const format of ['json', 'sarif']) {
      outputs.push((await runHush(['scan', dir, '-f', format])).stdout);
      outputs.push((await runHush(['audit', dir, '-f', format])).stdout);
      outputs.push((await runHush(['audit', dir, '-f', format])).stdout); // from the cache
    }
    const json = JSON.parse(outputs[0]);
    const rules = json.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining(['aws.session-token', 'generic.jwt', 'aws.access-key-id', 'aws.secret-access-key', 'gcp.service-account-key']),
    );
    for (const f of json.findings) expect(f.snippet.length, f.ruleId).toBeGreaterThan(0);
    const cache = readFileSync(join(dir, '.git/hush/audit-cache.json'), 'utf8');
    for (const secret of secrets) {
      for (const out of outputs) expect(leakedChunk(out, secret), `a report leaks part of ${secret.slice(0, 6)}…`).toBeUndefined();
      expect(leakedChunk(cache, secret), `the audit cache leaks part of ${secret.slice(0, 6)}…`).toBeUndefined();
    }
    // The line of the key pair: each finding's snippet shows neither value in full.
    const pair = json.findings.filter((f: { path: string }) => f.path === 'pair.ini');
    expect(pair).toHaveLength(2);
    for (const f of pair) {
      expect(f.snippet).not.toContain(accessKey);
      expect(f.snippet).not.toContain(secretKey);
      expect(f.snippet).toMatch(/^aws_access_key_id=AKIA\*+ aws_secret_access_key=STP8\*+$/);
    }
    // The cache keeps positions (and the redacted form reports show), no other text from the blob.
    for (const findings of Object.values<Array<Record<string, unknown>>>(JSON.parse(cache).blobs)) {
      for (const f of findings) for (const field of ['rawSecret', 'lineText', 'snippet']) expect(f[field]).toBeUndefined();
    }
    expect(chunksOf(session).length).toBeGreaterThan(30);
  });

  it('strips credentials from the remote URL in SARIF and from URLs in error lines', async () => {
    const dir = initRepo(temp.dir('hush-remote-'));
    const token = `glpat-${base64Text(20).replace(/[+/]/g, 'x')}`;
    git(dir, 'remote', 'add', 'origin', `https://gitlab-ci-token:${token}@gitlab.example.com/group/project.git`);
    commit(dir, { 'app.env': `GITHUB_TOKEN=${SECRETS.github}\n` }, 'one');
    const run = await runHush(['audit', dir, '-f', 'sarif']);
    expect(run.stdout + run.stderr).not.toContain(token);
    expect(run.stdout).not.toContain('gitlab-ci-token');
    expect(JSON.parse(run.stdout).runs[0].versionControlProvenance[0].repositoryUri).toBe('https://gitlab.example.com/group/project.git');
    // An error line quoting a URL the user gave drops its userinfo too.
    const error = await runHush(['scan', dir, '--config', `https://ci:${token}@example.com/hush.json`]);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('https://example.com/hush.json');
    expect(error.stderr).not.toContain(token);
  });

  it('names an allow.secrets pattern by its index, never prints it', async () => {
    const dir = initRepo(temp.dir('hush-allow-'));
    commit(dir, { 'app.env': `GITHUB_TOKEN=${SECRETS.github}\n`, '.hush.json': JSON.stringify({ allow: { secrets: [`^${SECRETS.github}$`] } }) }, 'allowed');
    const text = await runHush(['scan', dir, '--include-suppressed']);
    const sarif = await runHush(['scan', dir, '-f', 'sarif', '--include-suppressed']);
    const json = await runHush(['audit', dir, '-f', 'json', '--include-suppressed']);
    for (const run of [text, sarif, json]) expect(leakedChunk(run.stdout + run.stderr, SECRETS.github)).toBeUndefined();
    expect(text.stdout).toContain('suppressed: allowed by .hush.json allow.secrets[0]');
    expect(JSON.parse(sarif.stdout).runs[0].results[0].suppressions[0].justification).toBe('allowed by .hush.json allow.secrets[0]');
  });

  it('stores and uploads secret hashes that a dictionary of SHA-256(rule, guess) cannot invert', async () => {
    const dir = initRepo(temp.dir('hush-dict-'));
    commit(dir, { 'settings.env': 'DATABASE_URL=postgres://app:Winter2024!@db.internal:5432/app\n' }, 'weak password');
    const out = temp.dir('hush-dict-out-');
    expect((await runHush(['baseline', dir, '-o', join(out, 'baseline.json')])).code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(out, 'baseline.json'), 'utf8'));
    const json = JSON.parse((await runHush(['scan', dir, '-f', 'json'])).stdout);
    const sarif = JSON.parse((await runHush(['audit', dir, '-f', 'sarif'])).stdout);
    const stored = [
      ...baseline.entries.map((e: { secretHash: string }) => e.secretHash),
      ...json.findings.map((f: { secretHash: string }) => f.secretHash),
      ...sarif.runs[0].results.flatMap((r: { partialFingerprints: Record<string, string> }) =>
        Object.entries(r.partialFingerprints)
          .filter(([k]) => k.startsWith('secretHash'))
          .map(([, v]) => v),
      ),
    ];
    expect(stored.length).toBeGreaterThanOrEqual(3);
    // A quick dictionary: seasons, months and names with years and suffixes (Winter2024! among them).
    const words = [
      'Winter',
      'Summer',
      'Spring',
      'Autumn',
      'Fall',
      'Password',
      'Welcome',
      'Admin',
      'Secret',
      'Company',
      'Monday',
      'January',
      'December',
      'Letmein',
      'Qwerty',
    ];
    const guesses = words
      .flatMap((w) => [w, w.toLowerCase()])
      .flatMap((w) => Array.from({ length: 30 }, (_, i) => `${w}${2000 + i}`))
      .flatMap((w) => [w, `${w}!`, `${w}#`, `${w}?`]);
    expect(guesses).toContain('Winter2024!');
    const ruleIds = [...new Set(json.findings.map((f: { ruleId: string }) => f.ruleId) as string[])];
    const dictionary = new Set(ruleIds.flatMap((rule) => guesses.map((g) => createHash('sha256').update(`${rule}\0${g}`).digest('hex'))));
    for (const hash of stored) expect(dictionary.has(hash), 'a stored hash is SHA-256 of a dictionary word').toBe(false);
    // The audit cache (which CI caches can carry off the machine) holds no digest a dictionary inverts, salted or not.
    const cache = readFileSync(join(dir, '.git/hush/audit-cache.json'), 'utf8');
    const cachedHex = cache.match(/[0-9a-f]{64}/g) ?? [];
    for (const hash of cachedHex) expect(dictionary.has(hash), 'the audit cache holds SHA-256 of a dictionary word').toBe(false);
    for (const findings of Object.values<Array<Record<string, unknown>>>(JSON.parse(cache).blobs))
      for (const f of findings) expect(f.secretHash, 'the audit cache keeps a digest of the secret').toBeUndefined();
    // primaryLocationLineHash is taken over the line with the secret masked: a same-length guess gives the same hash.
    const other = initRepo(temp.dir('hush-dict-other-'));
    commit(other, { 'settings.env': 'DATABASE_URL=postgres://app:Summer2023#@db.internal:5432/app\n' }, 'another weak password');
    const lineHash = (sarifLog: { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> }) =>
      sarifLog.runs[0].results.map((r) => r.partialFingerprints.primaryLocationLineHash);
    const otherSarif = JSON.parse((await runHush(['audit', other, '-f', 'sarif', '--no-cache'])).stdout);
    expect(lineHash(sarif).length).toBeGreaterThan(0);
    expect(lineHash(sarif).every((h: string | undefined) => typeof h === 'string')).toBe(true);
    expect(lineHash(otherSarif)).toEqual(lineHash(sarif));
    expect(baseline.version).toBe(3);
    expect(baseline.secretHashKey.salt).toMatch(/^[0-9a-f]{32}$/);

    // The baseline still does its job under the salted hashes.
    writeFileSync(join(dir, '.hush-baseline.json'), readFileSync(join(out, 'baseline.json')));
    expect((await runHush(['scan', dir])).code).toBe(0);
    expect((await runHush(['audit', dir])).code).toBe(0);
  });

  it('hashes a password with scrypt and a random token with HMAC under the same salt (scheme 3, issue 22)', async () => {
    const dir = initRepo(temp.dir('hush-scheme-'));
    commit(dir, { 'db/.env': `DB_PASSWORD=Winter2024!x\n`, 'app.py': `token = "${SECRETS.github}"\n` }, 'a password and a token');
    const root = git(dir, 'rev-list', '--max-parents=0', 'HEAD');
    const salt = Buffer.from(`hush-repository:${root}`);
    const identity = (rule: string, secret: string) => createHash('sha256').update(`${rule}\0${secret}`).digest('hex');
    const findings = JSON.parse((await runHush(['scan', dir, '-f', 'json'])).stdout).findings as Array<{ ruleId: string; path: string; secretHash: string }>;
    const password = findings.find((f) => f.path === 'db/.env')!;
    const token = findings.find((f) => f.path === 'app.py')!;
    expect(password.secretHash).toBe(scryptSync(identity(password.ruleId, 'Winter2024!x'), salt, 32, { N: 1 << 14, r: 8, p: 1 }).toString('hex'));
    expect(token.secretHash).toBe(
      createHmac('sha256', salt)
        .update(`hush-secret-hash-v3\0${identity(token.ruleId, SECRETS.github)}`)
        .digest('hex'),
    );
    const sarif = JSON.parse((await runHush(['scan', dir, '-f', 'sarif'])).stdout);
    const tags = sarif.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['secretHash/v3']);
    expect(tags.sort()).toEqual([password.secretHash, token.secretHash].sort());
  });

  it('a version 2 baseline (scrypt for every secret) still matches, and --prune migrates it to version 3', async () => {
    const dir = initRepo(temp.dir('hush-v2-'));
    commit(dir, { 'db/.env': `DB_PASSWORD=Winter2024!x\n`, 'app.py': `token = "${SECRETS.github}"\n` }, 'a password and a token');
    const findings = JSON.parse((await runHush(['scan', dir, '-f', 'json'])).stdout).findings as Array<{ ruleId: string; path: string }>;
    const saltHex = randomBytes(16).toString('hex');
    const v2hash = (rule: string, secret: string) =>
      scryptSync(createHash('sha256').update(`${rule}\0${secret}`).digest('hex'), Buffer.from(saltHex, 'hex'), 32, { N: 1 << 14, r: 8, p: 1 }).toString('hex');
    const v2 = {
      version: 2,
      secretHashKey: { kdf: 'scrypt', salt: saltHex, N: 1 << 14, r: 8, p: 1 },
      entries: findings.map((f) => ({ ruleId: f.ruleId, path: f.path, secretHash: v2hash(f.ruleId, f.path === 'app.py' ? SECRETS.github : 'Winter2024!x') })),
    };
    writeFileSync(join(dir, '.hush-baseline.json'), JSON.stringify(v2));
    expect((await runHush(['scan', dir])).code).toBe(0);
    const pruned = await runHush(['baseline', dir, '--prune']);
    expect(pruned.stdout).toMatch(/pruned 0 entries.*baseline version 3/);
    const rewritten = JSON.parse(readFileSync(join(dir, '.hush-baseline.json'), 'utf8'));
    expect(rewritten.version).toBe(3);
    expect(rewritten.secretHashKey.salt).toBe(saltHex);
    expect(rewritten.entries).toHaveLength(findings.length);
    // The token's entry changed derivation (HMAC now); the password's kept its scrypt hash.
    const byPath = new Map(rewritten.entries.map((e: { path: string; secretHash: string }) => [e.path, e.secretHash]));
    expect(byPath.get('db/.env')).toBe(v2.entries.find((e) => e.path === 'db/.env')!.secretHash);
    expect(byPath.get('app.py')).not.toBe(v2.entries.find((e) => e.path === 'app.py')!.secretHash);
    expect((await runHush(['scan', dir])).code).toBe(0);
    expect((await runHush(['audit', dir])).code).toBe(0);
  });

  it('still reads a version 1 baseline and rewrites it with salted hashes on --prune', async () => {
    const dir = initRepo(temp.dir('hush-v1-'));
    commit(dir, { 'app.env': `GITHUB_TOKEN=${SECRETS.github}\nNPM_TOKEN=${SECRETS.npm}\n` }, 'two tokens');
    const legacy = (rule: string, secret: string) => createHash('sha256').update(`${rule}\0${secret}`).digest('hex');
    const v1 = {
      version: 1,
      entries: [
        { ruleId: 'github.classic-pat', path: 'app.env', secretHash: legacy('github.classic-pat', SECRETS.github) },
        { ruleId: 'npm.access-token', path: 'app.env', secretHash: legacy('npm.access-token', SECRETS.npm) },
        { ruleId: 'github.classic-pat', path: 'gone.env', secretHash: legacy('github.classic-pat', 'ghp_no_longer_anywhere') },
      ],
    };
    writeFileSync(join(dir, '.hush-baseline.json'), JSON.stringify(v1));
    expect((await runHush(['scan', dir])).code).toBe(0);
    const pruned = await runHush(['baseline', dir, '--prune']);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/pruned 1 entry.*salted/);
    const rewritten = JSON.parse(readFileSync(join(dir, '.hush-baseline.json'), 'utf8'));
    expect(rewritten.version).toBe(3);
    expect(rewritten.entries).toHaveLength(2);
    for (const e of rewritten.entries) expect(e.secretHash).not.toBe(legacy(e.ruleId, e.ruleId.startsWith('github') ? SECRETS.github : SECRETS.npm));
    expect((await runHush(['scan', dir])).code).toBe(0);
    expect((await runHush(['audit', dir])).code).toBe(0);
  });

  it('refuses a baseline whose scrypt work factor would exhaust memory', async () => {
    const dir = initRepo(temp.dir('hush-kdf-'));
    commit(dir, { 'app.env': `GITHUB_TOKEN=${SECRETS.github}\n` }, 'one');
    const hostile = { version: 2, secretHashKey: { kdf: 'scrypt', salt: '00'.repeat(16), N: 1 << 20, r: 32, p: 16 }, entries: [] };
    writeFileSync(join(dir, '.hush-baseline.json'), JSON.stringify(hostile));
    for (const args of [
      ['scan', dir],
      ['audit', dir, '-f', 'json'],
      ['baseline', dir, '--prune'],
    ]) {
      const run = await runHush(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toContain('"secretHashKey" is missing or not supported');
    }
  });

  it('escapes control characters in file names in the text report and the hook message', async () => {
    const dir = initRepo(temp.dir('hush-esc-'));
    commit(dir, { 'README.md': 'hi\n' }, 'init');
    const name = 'x\x1b[8mhidden.env';
    write(dir, name, `GITHUB_TOKEN=${SECRETS.github}\n`);
    git(dir, 'add', name);
    const scan = await runHush(['scan', dir]);
    const hook = await runHush(['hook', 'run'], dir);
    expect(scan.code).toBe(1);
    expect(hook.code).toBe(1);
    for (const run of [scan, hook]) {
      expect(run.stdout + run.stderr).not.toContain('\x1b');
      expect(run.stdout + run.stderr).toContain('x\\x1b[8mhidden.env');
    }
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
