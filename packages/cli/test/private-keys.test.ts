// Private keys in the shapes they are leaked in (issue 14), through the real CLI on real files. Every
// key is generated here with openssl or ssh-keygen; none is committed.
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, initRepo } from '../../../test-support/git.js';
import { perTestTemp, runHushProcess } from '../../../test-support/helpers.js';

const temp = perTestTemp();

interface Finding {
  ruleId: string;
  severity: string;
  validity: string;
  path: string;
  line: number;
  column: number;
  snippet?: string;
  details?: Record<string, unknown>;
}

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** Keys (and a certificate) made once for this file; kept in memory (temp dirs go after each test). */
const keys = { rsa1: '', rsa8: '', ec: '', ed: '', dsa: '', ssh: '', sshRsa: '', sshRsaPub: '', sshPub: '', certKey: '', cert: '' };
beforeAll(() => {
  const dir = temp.dir('hush-keygen-');
  keys.rsa1 = openssl('genrsa', '-traditional', '2048');
  keys.rsa8 = openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
  keys.ec = openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout');
  keys.ed = openssl('genpkey', '-algorithm', 'ed25519');
  keys.dsa = execFileSync('openssl', ['pkey', '-traditional'], { input: openssl('dsaparam', '-genkey', '-noout', '1024'), encoding: 'utf8' });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ci@example', '-f', join(dir, 'id_ed25519')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-f', join(dir, 'id_rsa')]);
  keys.ssh = readFileSync(join(dir, 'id_ed25519'), 'utf8');
  keys.sshPub = readFileSync(join(dir, 'id_ed25519.pub'), 'utf8');
  keys.sshRsa = readFileSync(join(dir, 'id_rsa'), 'utf8');
  keys.sshRsaPub = readFileSync(join(dir, 'id_rsa.pub'), 'utf8');
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
      join(dir, 'tls.key'),
      '-out',
      join(dir, 'tls.crt'),
      '-days',
      '30',
      '-subj',
      '/CN=hush-shapes',
    ],
    { stdio: 'ignore' },
  );
  keys.certKey = readFileSync(join(dir, 'tls.key'), 'utf8');
  keys.cert = readFileSync(join(dir, 'tls.crt'), 'utf8');
});

const lines = (pem: string) => pem.trim().split('\n');
const b64 = (text: string) => Buffer.from(text).toString('base64');

function scan(files: Record<string, string | Buffer>, args: string[] = []): { code: number; findings: Finding[]; stdout: string } {
  const dir = temp.dir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  const result = runHushProcess(['scan', '.', '--format', 'json', ...args], dir);
  expect(result.stderr).toBe('');
  const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
  return { code: result.code, findings, stdout: result.stdout };
}

/** Findings by path, with the facts these tests check. */
function byPath(findings: Finding[]): Record<string, string> {
  return Object.fromEntries(findings.map((f) => [f.path, `${f.ruleId} ${f.line}:${f.column} ${f.severity} ${f.validity}`]));
}

/** No body line of any key may appear in the report. */
function expectNoKeyMaterial(stdout: string, ...pems: string[]) {
  for (const pem of pems) for (const line of lines(pem).filter((l) => !l.startsWith('-----'))) expect(stdout).not.toContain(line.slice(0, 24));
}

describe('a PEM block indented or with tabs', () => {
  it('is found in YAML block scalars at every indentation, and with tabs, at the BEGIN line', () => {
    const yaml = (indent: string, pem: string) =>
      `service:\n  tls:\n    key: |\n${lines(pem)
        .map((l) => indent + l)
        .join('\n')}\n    port: 443\n`;
    const { findings, stdout, code } = scan({
      'two.yaml': yaml('  ', keys.rsa1),
      'four.yml': yaml('      ', keys.ec),
      'eight.yaml': yaml('        ', keys.rsa8),
      'tabs.conf': `<key>\n${lines(keys.ed)
        .map((l) => '\t\t' + l)
        .join('\n')}\n</key>\n`,
      'helm/values.yaml': `ssh:\n  deployKey: |-\n${lines(keys.ssh)
        .map((l) => '    ' + l)
        .join('\n')}\n`,
      'legacy.yaml': `host_keys:\n  - |\n${lines(keys.dsa)
        .map((l) => '     ' + l)
        .join('\n')}\n`,
    });
    expect(byPath(findings)).toEqual({
      'two.yaml': 'key.rsa-private-key 4:3 critical parsed',
      'four.yml': 'key.ec-private-key 4:7 critical parsed',
      'eight.yaml': 'key.pkcs8-private-key 4:9 critical parsed',
      'tabs.conf': 'key.pkcs8-private-key 2:3 critical parsed',
      'helm/values.yaml': 'key.openssh-private-key 3:5 critical parsed',
      'legacy.yaml': 'key.dsa-private-key 3:6 critical parsed',
    });
    expect(code).toBe(1);
    expectNoKeyMaterial(stdout, keys.rsa1, keys.ec, keys.rsa8, keys.ed, keys.ssh, keys.dsa);
  });
});

describe('a PEM block in one line with escapes', () => {
  it('is found with \\n (service-account JSON), \\r\\n and double-escaped \\\\n', () => {
    const serviceAccount = JSON.stringify(
      { type: 'service_account', project_id: 'shapes', private_key_id: 'f1e2d3', private_key: keys.rsa8, client_email: 'ci@shapes.iam.gserviceaccount.com' },
      null,
      2,
    );
    const crlf = `{"signing": {"pem": "${lines(keys.ec).join('\\r\\n')}\\r\\n"}}\n`;
    const doubled = JSON.stringify({ config: JSON.stringify({ key: keys.ed }) }) + '\n';
    const { findings, stdout } = scan({ 'sa.json': serviceAccount, 'crlf.json': crlf, 'nested.json': doubled });
    expect(doubled).toContain('\\\\n');
    expect(byPath(findings)).toEqual({
      'sa.json': `key.pkcs8-private-key 5:19 critical parsed`,
      'crlf.json': `key.ec-private-key 1:${crlf.indexOf('-----BEGIN') + 1} critical parsed`,
      'nested.json': `key.pkcs8-private-key 1:${doubled.indexOf('-----BEGIN') + 1} critical parsed`,
    });
    expectNoKeyMaterial(stdout, keys.rsa8, keys.ec, keys.ed);
  });
});

describe('a PEM block split over string literals', () => {
  it("is found with + (JS, Java, C#, Python), PHP's ., Ruby and Python line continuations, Python implicit concatenation and C adjacent literals", () => {
    const pem = lines(keys.rsa1);
    const plus = (indent: string, end: string) => pem.map((l) => `${indent}"${l}\\n"`).join(' +\n') + end;
    const { findings, stdout } = scan({
      'sign.js': `const KEY =\n${plus('  ', ';')}\nmodule.exports = KEY;\n`,
      'Signer.java': `class Signer {\n    static final String KEY =\n${plus('        ', ';')}\n}\n`,
      'Signer.cs': `public static class Signer\n{\n    const string Key = ${pem.map((l) => `"${l}\\n"`).join('\n        + ')};\n}\n`,
      'sign_plus.py': `KEY = ${pem.map((l) => `'${l}\\n'`).join(' \\\n    + ')}\n`,
      'sign_implicit.py': `KEY = (\n${pem.map((l) => `    "${l}\\n"`).join('\n')}\n)\n`,
      'sign.c': `static const char *key =\n${pem.map((l) => `\t"${l}\\n"`).join('\n')};\n`,
      'sign.php': `<?php\n$key = ${pem.map((l) => `"${l}\\n"`).join(' .\n    ')};\n`,
      'sign.rb': `KEY = ${pem.map((l) => `"${l}\\n"`).join(' \\\n  ')}\n`,
    });
    expect(byPath(findings)).toEqual({
      'sign.js': 'key.rsa-private-key 2:4 critical parsed',
      'Signer.java': 'key.rsa-private-key 3:10 critical parsed',
      'Signer.cs': 'key.rsa-private-key 3:25 critical parsed',
      'sign_plus.py': 'key.rsa-private-key 1:8 critical parsed',
      'sign_implicit.py': 'key.rsa-private-key 2:6 critical parsed',
      'sign.c': 'key.rsa-private-key 2:3 critical parsed',
      'sign.php': 'key.rsa-private-key 2:9 critical parsed',
      'sign.rb': 'key.rsa-private-key 1:8 critical parsed',
    });
    expectNoKeyMaterial(stdout, keys.rsa1);
  });
});

describe('a PEM file base64-encoded as a whole', () => {
  it('is decoded and found in env files, JSON and Kubernetes Secret data; base64 certificates and public keys stay quiet', () => {
    const publicPem = createPublicKey(keys.ed).export({ type: 'spki', format: 'pem' }).toString();
    const wrapped = b64(keys.ec)
      .match(/.{1,76}/g)!
      .join('\n');
    const config = `{ "jwt": { "signingKey": "${b64(keys.ed)}" } }\n`;
    const { findings, stdout } = scan({
      '.env': `APP_ENV=prod\nPRIVATE_KEY_B64=${b64(keys.rsa1)}\n`,
      'config.json': config,
      'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ssh\ntype: Opaque\ndata:\n  id_ed25519: ${b64(keys.ssh)}\n`,
      'ec.key.b64': `${wrapped}\n`,
      'quiet/ca.json': `{ "caBundle": "${b64(keys.cert)}", "publicKey": "${b64(publicPem)}" }\n`,
    });
    expect(byPath(findings)).toEqual({
      '.env': 'key.private-key-base64 2:17 critical parsed',
      'config.json': `key.private-key-base64 1:${config.indexOf('LS0t') + 1} critical parsed`,
      'k8s/secret.yaml': 'key.private-key-base64 7:15 critical parsed',
      'ec.key.b64': 'key.private-key-base64 1:1 critical parsed',
    });
    expect(findings.find((f) => f.path === 'k8s/secret.yaml')?.details).toMatchObject({ keyType: 'ssh-ed25519' });
    expect(stdout).not.toContain(b64(keys.rsa1).slice(40, 80));
  });
});

describe('certificate linking in the same shapes', () => {
  const thumbprint = () => new X509Certificate(keys.cert).fingerprint.replace(/:/g, '');

  it('a Kubernetes TLS Secret (both base64), escaped JSON and an indented YAML pair name the certificate', () => {
    const { findings } = scan({
      'tls-secret.yaml': `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(keys.cert)}\n  tls.key: ${b64(keys.certKey)}\n`,
      'bundle.json': JSON.stringify({ certificate: keys.cert, key: keys.certKey }) + '\n',
      'values.yaml': `tls:\n  cert: |\n${lines(keys.cert)
        .map((l) => '    ' + l)
        .join('\n')}\n  key: |\n${lines(keys.certKey)
        .map((l) => '    ' + l)
        .join('\n')}\n`,
    });
    // The base64 certificate (tls.crt) is public: no finding of its own.
    expect(findings.map((f) => f.ruleId)).toEqual(['key.pkcs8-private-key', 'key.private-key-base64', 'key.pkcs8-private-key']);
    expect(findings.map((f) => [f.path, f.details?.certificateThumbprint, f.details?.certificateSubject])).toEqual([
      ['bundle.json', thumbprint(), 'CN=hush-shapes'],
      ['tls-secret.yaml', thumbprint(), 'CN=hush-shapes'],
      ['values.yaml', thumbprint(), 'CN=hush-shapes'],
    ]);
  });
});

describe('a key body that happens to hold a placeholder word', () => {
  it('is still reported: about 1 RSA key in 10,000 has `xxxxx` or `dummy` somewhere in its base64', () => {
    // The words are written into the modulus, where the DER still parses (as in a real key that has them by chance).
    const withWord = (pem: string, word: string) => {
      const body = lines(pem);
      return [body[0], body[1], body[2].slice(0, 20) + word + body[2].slice(20 + word.length), ...body.slice(3)].join('\n') + '\n';
    };
    const { findings } = scan({
      'a.pem': withWord(keys.rsa1, 'xxxxx'),
      'b.pem': withWord(keys.rsa1, 'Dummy'),
      'c.json': JSON.stringify({ key: withWord(keys.rsa8, 'EXAMPLE') }),
    });
    expect(byPath(findings)).toEqual({
      'a.pem': 'key.rsa-private-key 1:1 critical parsed',
      'b.pem': 'key.rsa-private-key 1:1 critical parsed',
      'c.json': 'key.pkcs8-private-key 1:9 critical parsed',
    });
  });
});

describe('a header that disagrees with its body, or a body that does not parse', () => {
  it('is reported at lower confidence with the reason', () => {
    const relabel = (pem: string, from: string, to: string) => pem.replaceAll(from, to);
    const body = lines(keys.rsa1);
    // One body line lost in a copy: the DER no longer parses.
    const damaged = [...body.slice(0, 5), ...body.slice(6)].join('\n');
    const { findings, stdout } = scan({
      'ssh-under-rsa.pem': relabel(keys.ssh, 'OPENSSH PRIVATE KEY', 'RSA PRIVATE KEY'),
      'pkcs8-under-rsa.pem': relabel(keys.rsa8, 'BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY').replace('END PRIVATE KEY', 'END RSA PRIVATE KEY'),
      'damaged.pem': damaged + '\n',
      'mixed-end.pem': keys.rsa1.replace('END RSA PRIVATE KEY', 'END PRIVATE KEY'),
      'mixed-end-damaged.pem': damaged.replace('END RSA PRIVATE KEY', 'END EC PRIVATE KEY') + '\n',
    });
    const facts = Object.fromEntries(findings.map((f) => [f.path, [f.ruleId, f.severity, f.validity, f.details?.parse, f.details?.keyType]]));
    expect(facts).toEqual({
      'ssh-under-rsa.pem': ['key.rsa-private-key', 'high', 'unchecked', 'the header says RSA PRIVATE KEY but the body is an OpenSSH key', 'ssh-ed25519'],
      'pkcs8-under-rsa.pem': ['key.rsa-private-key', 'high', 'unchecked', 'the header says RSA PRIVATE KEY but the body is a PKCS#8 key', 'rsa'],
      'damaged.pem': ['key.rsa-private-key', 'high', 'unchecked', 'the body does not parse as RSA PRIVATE KEY', undefined],
      // An END line of another label: a key that parses is a key; one that does not says why.
      'mixed-end.pem': ['key.private-key-truncated', 'critical', 'parsed', undefined, 'rsa'],
      'mixed-end-damaged.pem': [
        'key.private-key-truncated',
        'high',
        'unchecked',
        'the BEGIN line says RSA PRIVATE KEY but the END line EC PRIVATE KEY',
        undefined,
      ],
    });
    expectNoKeyMaterial(stdout, keys.ssh, keys.rsa8, keys.rsa1);
  });

  it('stays quiet when the body is a placeholder', () => {
    const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
    const { findings, code } = scan({
      'README.md': [
        '```',
        pem('RSA PRIVATE KEY', '...'),
        '```',
        pem('PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...'),
        pem('EC PRIVATE KEY', '<your key here>'),
      ].join('\n'),
      'docs/setup.md': [
        pem('OPENSSH PRIVATE KEY', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'.repeat(6).trim()),
        pem('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEA\n(your key)\n…'),
      ].join('\n'),
      'template.yaml': `key: "-----BEGIN RSA PRIVATE KEY-----\\n${'A'.repeat(64)}\\n${'A'.repeat(64)}\\n-----END RSA PRIVATE KEY-----"\n`,
      'short.pem': pem('RSA PRIVATE KEY', 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu'),
    });
    expect(findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('a truncated key', () => {
  it('is reported at lower confidence when its body is long; a short or placeholder body stays quiet', () => {
    const cut = (pem: string, n: number) =>
      lines(pem)
        .slice(0, n + 1)
        .join('\n');
    const { findings, stdout } = scan({
      'app.log': `2026-03-02 10:14:07 INFO loading key\n2026-03-02 10:14:07 DEBUG key=${cut(keys.rsa1, 8)}\n`,
      'snippet.json': `{"private_key": "${lines(keys.rsa8).slice(0, 7).join('\\n')}`,
      'quiet/short.log': `key=${cut(keys.rsa1, 2)}\n`,
      'quiet/doc.md': `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA...\n`,
    });
    expect(Object.fromEntries(findings.map((f) => [f.path, [f.ruleId, `${f.line}:${f.column}`, f.severity, f.validity, f.details?.parse]]))).toEqual({
      'app.log': ['key.private-key-truncated', '2:31', 'high', 'unchecked', 'truncated: no END RSA PRIVATE KEY line'],
      'snippet.json': ['key.private-key-truncated', '1:18', 'high', 'unchecked', 'truncated: no END PRIVATE KEY line'],
    });
    expectNoKeyMaterial(stdout, cut(keys.rsa1, 8), lines(keys.rsa8).slice(0, 7).join('\n'));
  });

  it('still names its public key when the cut comes after it (RSA modulus and exponent, the OpenSSH public blob)', () => {
    const cut = (pem: string, n: number) =>
      lines(pem)
        .slice(0, n + 1)
        .join('\n');
    const { findings } = scan({ 'rsa.log': `key=${cut(keys.rsa1, 8)}\n`, 'pkcs8.txt': `${cut(keys.rsa8, 10)}\n[cut]\n`, 'ssh.txt': `${cut(keys.ssh, 3)}\n` });
    const details = Object.fromEntries(findings.map((f) => [f.path, f.details!]));
    const spki = (pem: string) =>
      createHash('sha256')
        .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
        .digest('hex');
    expect(details['rsa.log']).toMatchObject({ keyType: 'rsa', keyBits: 2048, publicKeySha256: spki(keys.rsa1) });
    expect(details['pkcs8.txt']).toMatchObject({ keyType: 'rsa', publicKeySha256: spki(keys.rsa8) });
    const blob = Buffer.from(keys.sshPub.split(' ')[1], 'base64');
    expect(details['ssh.txt']).toMatchObject({
      keyType: 'ssh-ed25519',
      sshPublicKeySha256: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
    });
    expect(findings.every((f) => f.ruleId === 'key.private-key-truncated' && f.severity === 'high')).toBe(true);
  });
});

describe('publicKeySha256 has one meaning', () => {
  it('is the hex SHA-256 of the SPKI DER for PEM and OpenSSH keys alike; OpenSSH keys add the ssh-keygen fingerprint', () => {
    const { findings } = scan({ id_rsa: keys.sshRsa, id_ed25519: keys.ssh, 'rsa.pem': keys.rsa8 });
    const pubFile = join(temp.dir(), 'id_rsa.pub');
    writeFileSync(pubFile, keys.sshRsaPub);
    const details = Object.fromEntries(findings.map((f) => [f.path, f.details!]));
    // ssh-keygen converts the RSA public key to PKCS#8 (SPKI) PEM: the same hash.
    const spki = createPublicKey(execFileSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', pubFile], { encoding: 'utf8' })).export({
      type: 'spki',
      format: 'der',
    });
    expect(details['id_rsa'].publicKeySha256).toBe(createHash('sha256').update(spki).digest('hex'));
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', pubFile], { encoding: 'utf8' }).split(' ')[1];
    expect(details['id_rsa'].sshPublicKeySha256).toBe(fingerprint);
    // Ed25519: SPKI is the fixed prefix and the 32-byte key from the .pub line.
    const blob = Buffer.from(keys.sshPub.split(' ')[1], 'base64');
    const edSpki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), blob.subarray(blob.length - 32)]);
    expect(details['id_ed25519'].publicKeySha256).toBe(createHash('sha256').update(edSpki).digest('hex'));
    expect(details['rsa.pem'].publicKeySha256).toBe(
      createHash('sha256')
        .update(createPublicKey(keys.rsa8).export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    );
    for (const d of Object.values(details)) expect(d.publicKeySha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('public material stays quiet', () => {
  it('PEM public keys, certificates, SSH public keys and PGP public key blocks', () => {
    const { findings, code } = scan({
      'pub.pem': createPublicKey(keys.rsa8).export({ type: 'spki', format: 'pem' }).toString(),
      'rsa-pub.pem': createPublicKey(keys.rsa1).export({ type: 'pkcs1', format: 'pem' }).toString(),
      'cert.json': JSON.stringify({ cert: keys.cert }),
      'id_ed25519.pub': keys.sshPub,
      'signing.asc': `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${randomBytes(600)
        .toString('base64')
        .match(/.{1,64}/g)!
        .join('\n')}\n=Zk3L\n-----END PGP PUBLIC KEY BLOCK-----\n`,
    });
    expect(findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('PKCS#12 bundles', () => {
  function bundle(password: string, ...extra: string[]): Buffer {
    const dir = temp.dir('hush-p12-');
    writeFileSync(join(dir, 'k'), keys.certKey);
    writeFileSync(join(dir, 'c'), keys.cert);
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      join(dir, 'k'),
      '-in',
      join(dir, 'c'),
      '-passout',
      `pass:${password}`,
      ...extra,
      '-out',
      join(dir, 'b.p12'),
    ]);
    return readFileSync(join(dir, 'b.p12'));
  }

  it('are graded by whether they open without a password; as test fixtures one step lower, or quiet when password-protected; none is critical', () => {
    const open = bundle('');
    const locked = bundle('correct-horse-9');
    const { findings } = scan({
      'certs/signing.pfx': open,
      'certs/locked.p12': locked,
      'test/fixtures/server.p12': locked,
      'src/test/resources/client.pfx': open,
      'keystore-test.p12': locked,
      'testdata/broken.p12': Buffer.from('308201000201036761726261676500', 'hex'),
      'fixtures/random.pfx': Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 89 + 7) % 256)),
      // 300,000 MAC iterations: past the work bound, so the password is not tried (graded as unknown).
      'certs/slow.pfx': bundle('', '-iter', '300000'),
      // Google Cloud's fixed password for service-account keys opens it: anyone can use the key.
      'keys/service-account.p12': bundle('notasecret'),
    });
    expect(Object.fromEntries(findings.map((f) => [f.path, [f.ruleId, f.severity, f.details?.password, f.details?.testFixture]]))).toEqual({
      'certs/signing.pfx': ['key.pkcs12-file', 'high', 'none', undefined],
      'certs/locked.p12': ['key.pkcs12-file', 'medium', 'set', undefined],
      'src/test/resources/client.pfx': ['key.pkcs12-file', 'medium', 'none', true],
      'certs/slow.pfx': ['key.pkcs12-file', 'high', undefined, undefined],
      'keys/service-account.p12': ['key.pkcs12-file', 'high', 'published (notasecret)', undefined],
    });
  });

  it('in a history audit, one bundle at a fixture path and at another path is judged per path, from the cache too', () => {
    const dir = initRepo(temp.dir('hush-p12-repo-'));
    const locked = bundle('correct-horse-9');
    for (const path of ['certs/locked.p12', 'test/fixtures/locked.p12']) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), locked);
    }
    writeFileSync(join(dir, 'secret.yaml'), `kind: Secret\ndata:\n  signing.key: ${b64(keys.ec)}\n`);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'bundles');
    for (let run = 0; run < 2; run++) {
      const result = runHushProcess(['audit', '.', '-f', 'json'], dir);
      expect(result.stderr).toBe('');
      const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
      expect(findings.map((f) => [f.path, f.ruleId, f.severity]).sort()).toEqual([
        ['certs/locked.p12', 'key.pkcs12-file', 'medium'],
        ['secret.yaml', 'key.private-key-base64', 'critical'],
      ]);
    }
  });
});
