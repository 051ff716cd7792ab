// Detection through the real built CLI: what is reported, what stays quiet, and what is shown only
// under --include-suppressed (with the reason), on real files in a temporary directory.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTestTemp, runHushProcess } from '../../../test-support/helpers.js';

const temp = perTestTemp();

interface JsonFinding {
  ruleId: string;
  severity: string;
  details?: Record<string, unknown>;
  suppression?: { kind: string; reason: string };
}

function scanJson(files: Record<string, string>, extra: string[] = []): { code: number; findings: JsonFinding[]; stdout: string } {
  const dir = temp.dir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const result = runHushProcess(['scan', dir, '--format', 'json', ...extra]);
  expect(result.stderr).toBe('');
  return { code: result.code, findings: (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings, stdout: result.stdout };
}

describe('checksum-failing tokens', () => {
  // Same shape as a GitHub classic PAT / npm token, but the last 6 characters are not the CRC-32 of the rest.
  const badGithub = 'ghp_' + 'Zx8Kq2Lm9Vb4Nc7Hd1Fg5Jt3Rw6Ys0' + 'aaaa11';
  const badNpm = 'npm_' + 'Wq3Er5Ty7Ui9Op1As2Df4Gh6Jk8Lz0' + 'bbbb22';

  it('are not reported and do not fail the scan', () => {
    const { code, findings } = scanJson({ 'deploy.sh': `export GH_TOKEN=${badGithub}\nexport NPM_TOKEN=${badNpm}\n` });
    expect(findings.map((f) => f.ruleId)).toEqual([]);
    expect(code).toBe(0);
  });

  it('are listed under --include-suppressed with the reason, still exit 0', () => {
    const { code, findings, stdout } = scanJson({ 'deploy.sh': `export GH_TOKEN=${badGithub}\nexport NPM_TOKEN=${badNpm}\n` }, ['--include-suppressed']);
    const byRule = new Map(findings.map((f) => [f.ruleId, f]));
    expect(byRule.get('github.classic-pat')?.suppression?.reason).toMatch(/^checksum failed/);
    expect(byRule.get('npm.access-token')?.suppression?.reason).toMatch(/^checksum failed/);
    expect(code).toBe(0);
    expect(stdout).not.toContain(badGithub);
  });
});

describe('look-alikes stay quiet (issue 14, "must not get worse")', () => {
  it('values that fail a format by length or alphabet, placeholders, interpolation, regexes, publishable keys, broken PKCS#12', () => {
    const dir = temp.dir();
    const files: Record<string, string | Buffer> = {
      'formats.env':
        'GITHUB_TOKEN=ghp_4f8Kq2Lm9Vb\nAWS_ACCESS_KEY_ID=AKIA2OGYBAH6Q\nSLACK_TOKEN=xoxb-17653672481\nOPENAI_API_KEY=sk-proj-Zk3Lm9\nANTHROPIC_API_KEY=sk-ant-api03-Zk3Lm9Qp\nSTRIPE_KEY=sk_live_4eC3-9HqLy_jWDar\n',
      'urls.md':
        'Clone with https://username:mypassword@git.contoso.com/team/app.git\nUse admin:REPLACE_WITH_PASSWORD for the dashboard.\nDATABASE_URL=postgres://admin:REPLACE_WITH_PASSWORD@db.contoso.com:5432/app\n',
      'deploy.rb': 'config.password = "#{ENV[\'DB_PASSWORD\']}"\nopts = { password: "#{db_password}", token: "#{settings.api_token}" }\n',
      'deploy.sh': 'PASSWORD="$(vault kv get -field=password secret/db)"\nexport API_TOKEN="$(cat /run/secrets/api_token)"\n',
      'patterns.py': 'token_pattern = "([a-zA-Z0-9]{40})"\nAPI_KEY_REGEX = \'[A-Za-z0-9]{32}\'\n',
      'settings.json': '{ "password": "myPassword", "db": { "password": "myPassword123" } }\n',
      'pay.env': 'PAYMENT_PUBLIC_KEY=live_pub_8f1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d\npublishableKey: "live_pub_Zk3Lm9Qp2Rs7Tv4Wx8Yz1Ab5"\n',
      'broken.pfx': Buffer.from('30820100020102676172626167650a', 'hex'),
      'random.p12': Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 73 + 11) % 256)),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const result = runHushProcess(['scan', dir, '--format', 'json']);
    expect(result.stderr).toBe('');
    const findings = (JSON.parse(result.stdout) as { findings: Array<JsonFinding & { path: string; line: number }> }).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.path}:${f.line}`)).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('a non-Stripe sk_live_ key is not labelled Stripe', () => {
    const { findings } = scanJson({
      'pay.env': 'PAYSTACK_SECRET_KEY=sk_live_3f9a2c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\nOTHER=sk_live_Zk3Lm9Qp2Rs7Tv4Wx8Yz1Ab5Cd6Ef0GhHq2mN8vT4kL9p\n',
    });
    expect(findings.map((f) => f.ruleId)).not.toContain('stripe.secret-key');
  });

  it('an HS256 test JWT with no issuer is reported at low severity, not higher', () => {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: '1234567890', name: 'Jane Roe', iat: 1516239022 })}.Zk3Lm9Qp2Rs7Tv4Wx8Yz1Ab5Cd6Ef0GhHq2mN8vT4kL`;
    const { findings } = scanJson({ 'api.http': `GET /me\nAuthorization: Bearer ${jwt}\n` });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['generic.jwt', 'low']]);
  });
});

describe('labels and partners (issue 14)', () => {
  it('a clientSecret is Entra only with Entra evidence; GitHub, Okta and unnamed providers get their own rules', () => {
    const { findings } = scanJson({
      'appsettings.json':
        '{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "ClientSecret": "Qm7vX2pL9kR4tW8nB3cH6jF1sD5g" } }\n',
      'github.yaml': 'github:\n  clientId: Iv1.8a61f9b3a7aba766\n  clientSecret: "3f9a2c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"\n',
      'okta.yaml': 'okta:\n  issuer: https://dev-204113.okta.com/oauth2/default\n  client-secret: Hq2mN8vT4kL9pW3xR7zB1cF_Hq2mN8vT4kL9pW3x\n',
      'blynk.yaml': 'oauth:\n  client-id: blynk-cloud\n  client-secret: Tz4pQ9mW2vL7nR3xK8bH1cJq\n',
    });
    const byFile = Object.fromEntries(findings.map((f) => [(f as JsonFinding & { path: string }).path, f]));
    expect(byFile['appsettings.json'].ruleId).toBe('azure.entra-client-secret-config');
    expect(byFile['github.yaml'].ruleId).toBe('github.oauth-app-secret');
    expect(byFile['github.yaml'].details).toMatchObject({ clientId: 'Iv1.********' });
    expect(byFile['okta.yaml'].ruleId).toBe('okta.client-secret');
    expect(byFile['blynk.yaml'].ruleId).toBe('oauth.client-secret');
  });

  it('a Twilio auth token records the account SID from another line, redacted', () => {
    const sid = 'AC0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const { findings, stdout } = scanJson({ 'twilio.env': `# SMS\nACCOUNT_SID=${sid}\nREGION=ie1\nAUTH_TOKEN=78b6aea426107136bd244e82de00ffce\n` });
    expect(findings.map((f) => [f.ruleId, f.details?.accountSid])).toEqual([['twilio.auth-token', 'AC0f********']]);
    expect(stdout).not.toContain(sid);
  });

  it('a literal fallback for a secret environment variable is a hard-coded secret', () => {
    const { findings } = scanJson({
      'db.js': "const pool = new Pool({ password: process.env.DB_PASSWORD || 'Vq7rT2mKx9pLw4' });\n",
      'settings.py': 'TOKEN = os.environ.get("API_TOKEN", "Zk3Lm9Qp2Rs7Tv4Wx8Yz")\n',
      'database.php': "'password' => env('DB_PASSWORD', 'Hq2mN8vT4kL9pW'),\n",
      'compose.yaml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-Pg7rT2mKx9pLw4}\n',
    });
    expect(findings.map((f) => f.ruleId).sort()).toEqual([
      'generic.env-fallback-code',
      'generic.env-fallback-helper',
      'generic.env-fallback-python',
      'generic.env-fallback-shell',
    ]);
  });
});
