// App credentials as a whole (offline) and opt-in verification (--verify) against local stand-ins for
// the providers, reached through `verify.endpoints` overrides on loopback in the user's config
// ($XDG_CONFIG_HOME/hush/config.json: a repository's own .hush.json may not set them).
import { createHash, createHmac, createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { closedPort, mockProvider, mockProxy, runHushAsync, type MockProvider, type MockProxy, type SeenRequest } from '../../../test-support/provider-mock.js';

const temp = perTestTemp();
const mocks: MockProvider[] = [];
const proxies: MockProxy[] = [];
afterEach(async () => {
  await Promise.all([...mocks.splice(0), ...proxies.splice(0)].map((m) => m.close()));
});
async function mock(answer: (req: SeenRequest) => { status: number; body?: unknown; headers?: Record<string, string> }) {
  const m = await mockProvider(answer);
  mocks.push(m);
  return m;
}

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '8f3b2a4c-1d5e-4f6a-9b7c-0d1e2f3a4b5c';
const SECRET = 'xSd8Q~kMkO.PW2~B3DgSWF5hVMHn1uLWOzi5pV3z';
const OTHER_CLIENT = '3c1e9a7b-5d2f-4b8e-a6c4-9f0e1d2c3b4a';
const OTHER_SECRET = 'Pq7.mN3~vR8xK2wL5tH9bJ4cF6gD1sA0eY-uI7oZ';

const APPSETTINGS = `{
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "${TENANT}",
    "ClientId": "${CLIENT}",
    "ClientSecret": "${SECRET}"
  }
}
`;

/** Verification settings in the user's own config, which every run of this test file reads. */
function userVerify(verify: unknown): void {
  const home = temp.dir('hush-user-config-');
  mkdirSync(join(home, 'hush'));
  writeFileSync(join(home, 'hush', 'config.json'), JSON.stringify({ verify }));
  process.env.XDG_CONFIG_HOME = home;
}
const outerConfigHome = process.env.XDG_CONFIG_HOME;
afterEach(() => {
  if (outerConfigHome === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = outerConfigHome;
});

/** Files, and a config whose `verify` part goes to the user's config (the rest to .hush.json). */
function project(files: Record<string, string>, config?: { verify?: unknown }): string {
  const dir = temp.dir('hush-verify-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  if (config !== undefined) {
    const { verify, ...rest } = config;
    if (verify !== undefined) userVerify(verify);
    writeFileSync(join(dir, '.hush.json'), JSON.stringify(rest));
  }
  return dir;
}

type JsonFinding = {
  ruleId: string;
  path: string;
  secret: string;
  details?: { app?: { clientId?: string; tenant?: string; authorityHost?: string } };
  guidance: { steps: string[] };
  verification?: { status: string; detail: string; checkedAt: string };
};
const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;

const tokenAnswer = (req: SeenRequest) => {
  const form = new URLSearchParams(req.body);
  if (form.get('client_secret') === SECRET || form.get('client_assertion'))
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: 'eyJ0eXAiOiJKV1QifQ.e30.c2ln' } };
  return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] } };
};

describe('Entra app credentials as a whole (offline)', () => {
  it('records the client id, tenant and cloud beside the secret and names them in the playbook, without any request', async () => {
    const entra = await mock(tokenAnswer);
    const dir = project({ 'appsettings.json': APPSETTINGS }, { verify: { endpoints: { entra: entra.url } } });
    const run = await runHushAsync(['scan', '.', '--format', 'json'], dir);
    expect(run.code, run.stderr).toBe(1);
    const [finding] = findingsOf(run.stdout).filter((f) => f.ruleId.startsWith('azure.entra'));
    expect(finding.details!.app).toEqual({ clientId: CLIENT, tenant: TENANT, authorityHost: 'login.microsoftonline.com' });
    const steps = finding.guidance.steps.join('\n');
    expect(steps).toContain(`az ad app credential list --id ${CLIENT}`);
    expect(steps).toContain(`az ad app credential delete --id ${CLIENT} --key-id`);
    expect(steps).toContain(`hint "${SECRET.slice(0, 3)}"`);
    expect(steps).toContain('App registrations › All applications › ' + CLIENT);
    expect(steps).toMatch(/federated-credential create --id 8f3b2a4c[^\n]*token\.actions\.githubusercontent\.com/);
    expect(entra.requests).toEqual([]);
    const text = await runHushAsync(['scan', '.'], dir);
    expect(text.stdout).toContain(`app ${CLIENT} in tenant ${TENANT}, secret hint "xSd"`);
    expect(entra.requests).toEqual([]);
  });

  it('derives the federated credential subject from the repository’s GitHub remote (credentials stripped)', async () => {
    const dir = project({ 'appsettings.json': APPSETTINGS });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    execFileSync('git', ['remote', 'add', 'origin', 'https://x-access-token:ghs_remoteCredential0123456789abcdefABCD@github.com/acme/payments.git'], {
      cwd: dir,
    });
    const run = await runHushAsync(['scan', '.', '--format', 'json'], dir);
    const [finding] = findingsOf(run.stdout);
    expect(finding.guidance.steps.join('\n')).toContain('"subject":"repo:acme/payments:ref:refs/heads/main"');
    expect(run.stdout).not.toContain('ghs_remoteCredential');
  });

  it('reads the tenant from an authority URL and the cloud from its host (US Government)', async () => {
    const code = `var app = ConfidentialClientApplicationBuilder.Create("${OTHER_CLIENT}")\n    .WithClientSecret("${OTHER_SECRET}")\n    .WithAuthority("https://login.microsoftonline.us/contoso.onmicrosoft.us")\n    .Build();\n`;
    const dir = project({ 'src/Auth.cs': code });
    const run = await runHushAsync(['scan', '.', '--format', 'json'], dir);
    const [finding] = findingsOf(run.stdout);
    expect(finding.details!.app).toEqual({ clientId: OTHER_CLIENT, tenant: 'contoso.onmicrosoft.us', authorityHost: 'login.microsoftonline.us' });
    expect(finding.guidance.steps[0]).toContain('portal.azure.us');
  });
});

describe('credentials in parts name their account in the playbook (offline)', () => {
  it('Twilio account, Okta org and AWS account beside the secret', async () => {
    const dir = project({
      'twilio.env': 'ACCOUNT_SID=ACf66f89b798061d1cff3ff719cc85e1b9\n# from the console\nAUTH_TOKEN=1e0283bfcd9c5697680b5ea752ca6208\n',
      'okta.env': 'OKTA_ORG_URL=https://acme.okta.com\nOKTA_API_TOKEN=00IciGpPRmgVsFKk-Q7tjhNtB7FRRdX1oyPlZ-W43f\n',
      credentials: '[default]\naws_access_key_id = AKIA3WZE54NDMT2AJKFM\naws_secret_access_key = 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\n',
    });
    const run = await runHushAsync(['scan', '.', '--format', 'json'], dir);
    const first = Object.fromEntries(findingsOf(run.stdout).map((f) => [f.ruleId, f.guidance.steps[0]]));
    expect(first['twilio.auth-token']).toMatch(/^This credential belongs to Twilio account ACf6\*+: Console/);
    expect(first['okta.api-token']).toContain('Okta org acme.okta.com: https://acme.okta.com/admin/access/api/tokens');
    expect(first['aws.secret-access-key']).toMatch(/^This secret belongs to access key AKIA\*+ of AWS account \d{12}:/);
    expect(run.stdout).not.toContain('AKIA3WZE54NDMT2AJKFM');
    expect(run.stdout).not.toContain('ACf66f89b798061d1cff3ff719cc85e1b9');
  });
});

describe('--verify', () => {
  it('sends exactly one client-credentials request per app and reads live, invalid and the exit code', async () => {
    const entra = await mock(tokenAnswer);
    const dir = project(
      {
        'appsettings.json': APPSETTINGS,
        // The same secret again: still one request.
        'appsettings.Production.json': APPSETTINGS,
        'deploy/.env': `AZURE_TENANT_ID=${TENANT}\nAZURE_CLIENT_ID=${OTHER_CLIENT}\nAZURE_CLIENT_SECRET=${OTHER_SECRET}\n`,
      },
      { verify: { endpoints: { entra: entra.url } } },
    );
    const plain = await runHushAsync(['scan', '.', '--format', 'json'], dir);
    const run = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir);
    expect(run.code).toBe(plain.code);
    expect(run.stderr).toMatch(/^verify: checking found secrets with their providers \(read-only requests to 127\.0\.0\.1:\d+\)\n$/);
    expect(entra.requests).toHaveLength(2);
    const byClient = new Map(entra.requests.map((r) => [new URLSearchParams(r.body).get('client_id'), r]));
    const first = byClient.get(CLIENT)!;
    expect(first.method).toBe('POST');
    expect(first.url).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(Object.fromEntries(new URLSearchParams(first.body))).toMatchObject({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(byClient.get(OTHER_CLIENT)!.url).toBe(`/${TENANT}/oauth2/v2.0/token`);

    const findings = findingsOf(run.stdout);
    const live = findings.filter((f) => f.details?.app?.clientId === CLIENT);
    expect(live.map((f) => f.verification?.status)).toEqual(['live', 'live']);
    expect(live[0].verification!.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const invalid = findings.find((f) => f.details?.app?.clientId === OTHER_CLIENT)!;
    expect(invalid.verification).toMatchObject({ status: 'invalid', detail: expect.stringContaining('AADSTS7000215') });
    // Same findings, with and without --verify.
    expect(findings.map((f) => `${f.path}:${f.ruleId}`)).toEqual(findingsOf(plain.stdout).map((f) => `${f.path}:${f.ruleId}`));

    const text = await runHushAsync(['scan', '.', '--verify'], dir);
    expect(text.stdout.indexOf('Verified live')).toBeGreaterThanOrEqual(0);
    expect(text.stdout.indexOf('Verified live')).toBeLessThan(text.stdout.indexOf('verification: invalid'));
    const sarif = JSON.parse((await runHushAsync(['scan', '.', '--verify', '--format', 'sarif'], dir)).stdout);
    const liveResult = sarif.runs[0].results.find((r: { properties: { verification?: { status: string } } }) => r.properties.verification?.status === 'live');
    expect(liveResult.level).toBe('error');
    expect(liveResult.properties.tags).toContain('verified live');
    for (const output of [run.stdout, run.stderr, text.stdout, JSON.stringify(sarif)]) {
      expect(output).not.toContain(SECRET);
      expect(output).not.toContain(OTHER_SECRET);
    }
  });

  it('marks findings "error" when the endpoint is unreachable, with one line, and changes nothing else', async () => {
    const dir = project(
      { 'appsettings.json': APPSETTINGS, 'ci.env': 'GH_TOKEN=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\n' },
      { verify: { endpoints: { entra: await closedPort() }, timeoutMs: 2000 } },
    );
    const plain = await runHushAsync(['scan', '.', '--format', 'json'], dir);
    const github = await mock((req) =>
      req.headers.authorization === 'Bearer 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' ? { status: 200, body: { login: 'octo' } } : { status: 401 },
    );
    userVerify({ endpoints: { entra: await closedPort(), github: github.url }, timeoutMs: 2000 });
    const run = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir);
    expect(run.code).toBe(plain.code);
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('verify: entra'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/unreachable/);
    const findings = findingsOf(run.stdout);
    expect(findings.find((f) => f.ruleId.startsWith('azure.entra'))!.verification!.status).toBe('error');
    expect(findings.find((f) => f.ruleId === 'github.classic-pat')!.verification).toMatchObject({ status: 'live', detail: 'authenticates as octo' });
    expect(findings.map((f) => f.ruleId)).toEqual(findingsOf(plain.stdout).map((f) => f.ruleId));
  });

  it('signs a client assertion with a found key, naming its certificate by thumbprint (x5t)', async () => {
    const work = temp.dir('hush-cert-');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(work, 'key.pem'),
        '-out',
        join(work, 'cert.pem'),
        '-subj',
        '/CN=hush-test',
        '-days',
        '30',
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(work, 'key.pem'), 'utf8').trim();
    const certPem = readFileSync(join(work, 'cert.pem'), 'utf8').trim();
    const cert = new X509Certificate(certPem);
    const entra = await mock(tokenAnswer);
    const dir = project(
      { 'app_cert.py': `CLIENT_ID = "${CLIENT}"\nTENANT_ID = "${TENANT}"\nPRIVATE_KEY = """${key}"""\nCERTIFICATE = """${certPem}"""\n` },
      { verify: { endpoints: { entra: entra.url } } },
    );
    const run = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir);
    expect(entra.requests).toHaveLength(1);
    const form = new URLSearchParams(entra.requests[0].body);
    expect(entra.requests[0].url).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(form.get('client_id')).toBe(CLIENT);
    const [header, claims, signature] = form.get('client_assertion')!.split('.');
    const head = JSON.parse(Buffer.from(header, 'base64url').toString());
    expect(head).toMatchObject({ alg: 'RS256', x5t: Buffer.from(cert.fingerprint.replace(/:/g, ''), 'hex').toString('base64url') });
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString());
    expect(body).toMatchObject({ iss: CLIENT, sub: CLIENT, aud: `${entra.url}/${TENANT}/oauth2/v2.0/token` });
    expect(body.exp).toBeGreaterThan(Date.now() / 1000);
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${claims}`);
    expect(verifier.verify(createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' })), Buffer.from(signature, 'base64url'))).toBe(true);
    const finding = findingsOf(run.stdout).find((f) => f.ruleId.startsWith('key.'))!;
    expect(finding.verification!.status).toBe('live');
    expect(run.stdout).not.toContain(key.split('\n')[1]);
  });

  it('checks GitHub, Slack and Stripe tokens at their APIs (live and invalid)', async () => {
    const GH_LIVE = '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';
    const GH_DEAD = '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';
    const SLACK_LIVE = 'xoxb-206123377373-6376137438331-DghTiQ70d2E5VmIRg8R4DTVH';
    const STRIPE_DEAD = 'sk_live_m1hkNMVviML5DvH3U1XNDNrI';
    const github = await mock((req) =>
      req.url === '/user' && req.headers.authorization === `Bearer ${GH_LIVE}`
        ? { status: 200, body: { login: 'octo' } }
        : { status: 401, body: { message: 'Bad credentials' } },
    );
    const slack = await mock((req) =>
      req.url === '/api/auth.test' && req.headers.authorization === `Bearer ${SLACK_LIVE}`
        ? { status: 200, body: { ok: true, team: 'Acme' } }
        : { status: 200, body: { ok: false, error: 'invalid_auth' } },
    );
    const stripe = await mock((req) =>
      req.url === '/v1/balance' && req.headers.authorization === 'Bearer nope'
        ? { status: 200 }
        : { status: 401, body: { error: { type: 'invalid_request_error' } } },
    );
    const dir = project(
      { 'live.env': `GITHUB_TOKEN=${GH_LIVE}\nSLACK_BOT_TOKEN=${SLACK_LIVE}\n`, 'old.env': `GITHUB_TOKEN=${GH_DEAD}\nSTRIPE_SECRET_KEY=${STRIPE_DEAD}\n` },
      { verify: { endpoints: { github: github.url, slack: slack.url, stripe: stripe.url } } },
    );
    const run = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir);
    const status = Object.fromEntries(findingsOf(run.stdout).map((f) => [`${f.path} ${f.ruleId}`, f.verification?.status]));
    expect(status).toMatchObject({
      'live.env github.classic-pat': 'live',
      'live.env slack.token': 'live',
      'old.env github.classic-pat': 'invalid',
      'old.env stripe.secret-key': 'invalid',
    });
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(slack.requests).toHaveLength(1);
    expect(stripe.requests).toHaveLength(1);
    for (const secret of [GH_LIVE, GH_DEAD, SLACK_LIVE, STRIPE_DEAD]) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('calls STS GetCallerIdentity with a SigV4 signature made from the found key pair', async () => {
    const KEY_ID = 'AKIA3WZE54NDMT2AJKFM';
    const SECRET_KEY = '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';
    const sts = await mock((req) => {
      // An independent check of the signature, as AWS documents it.
      const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
        String(req.headers.authorization),
      );
      if (!auth || auth[1] !== KEY_ID) return { status: 403, body: '<ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>' };
      const [, , day, region, service, signed, signature] = auth;
      const canonicalHeaders = signed
        .split(';')
        .map((h) => `${h}:${String(req.headers[h]).trim()}\n`)
        .join('');
      const canonical = ['POST', '/', '', canonicalHeaders, signed, createHash('sha256').update(req.body).digest('hex')].join('\n');
      const toSign = [
        'AWS4-HMAC-SHA256',
        String(req.headers['x-amz-date']),
        `${day}/${region}/${service}/aws4_request`,
        createHash('sha256').update(canonical).digest('hex'),
      ].join('\n');
      let k: Buffer = createHmac('sha256', `AWS4${SECRET_KEY}`).update(day).digest();
      for (const part of [region, service, 'aws4_request']) k = createHmac('sha256', k).update(part).digest();
      const expected = createHmac('sha256', k).update(toSign).digest('hex');
      if (expected !== signature) return { status: 403, body: '<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>' };
      return {
        status: 200,
        body: `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>`,
      };
    });
    const dir = project(
      {
        credentials: `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\n`,
        'other/credentials': `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = Qm7vX2pL9kR4tW8nB3cH6jF1sD5gA0eY7uI2oP4z\n`,
      },
      { verify: { endpoints: { aws: sts.url } } },
    );
    const run = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir);
    expect(sts.requests).toHaveLength(2);
    expect(sts.requests[0].body).toBe('Action=GetCallerIdentity&Version=2011-06-15');
    const status = Object.fromEntries(
      findingsOf(run.stdout)
        .filter((f) => f.ruleId === 'aws.secret-access-key')
        .map((f) => [f.path, f.verification]),
    );
    expect(status.credentials).toMatchObject({ status: 'live', detail: 'authenticates as arn:aws:iam::123456789012:user/ci' });
    expect(status['other/credentials']).toMatchObject({ status: 'invalid' });
    expect(run.stdout + run.stderr).not.toContain(SECRET_KEY);
  });

  it('is never on by default, and refuses plain http:// endpoints that are not loopback', async () => {
    const dir = project({ 'appsettings.json': APPSETTINGS }, { verify: { endpoints: { entra: 'http://login.example.com' } } });
    const run = await runHushAsync(['scan', '.', '--verify'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/verify\.endpoints\.entra must be https:\/\//);
    writeFileSync(join(dir, '.hush.json'), JSON.stringify({ verify: { endpoints: { nosuch: 'https://x.example.com' } } }));
    expect((await runHushAsync(['scan', '.'], dir)).code).toBe(2);
  });

  it('goes through HTTP_PROXY when it is set, and gives up on a proxy that never answers', async () => {
    const entra = await mock(tokenAnswer);
    const proxy = await mockProxy();
    proxies.push(proxy);
    const dir = project({ 'appsettings.json': APPSETTINGS }, { verify: { endpoints: { entra: entra.url }, timeoutMs: 1500 } });
    const env = { HTTP_PROXY: proxy.url, http_proxy: proxy.url, NO_PROXY: '', no_proxy: '' };
    const run = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir, env);
    expect(proxy.tunnels).toEqual([new URL(entra.url).host]);
    expect(entra.requests).toHaveLength(1);
    expect(findingsOf(run.stdout)[0].verification!.status).toBe('live');
    // NO_PROXY exempts the host: straight to the endpoint.
    await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir, { ...env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' });
    expect(proxy.tunnels).toHaveLength(1);
    expect(entra.requests).toHaveLength(2);

    const silent = await mockProxy({ silent: true });
    proxies.push(silent);
    const started = Date.now();
    const stuck = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir, { ...env, HTTP_PROXY: silent.url, http_proxy: silent.url });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(stuck.code).toBe(1);
    expect(findingsOf(stuck.stdout)[0].verification).toMatchObject({ status: 'error', detail: expect.stringMatching(/no answer within 1500 ms|unreachable/) });
  });

  it('runs in the pre-commit hook only when the user config says "verify": {"hook": true}', async () => {
    const github = await mock((req) =>
      req.headers.authorization === 'Bearer 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' ? { status: 200, body: { login: 'octo' } } : { status: 401 },
    );
    const dir = project({ 'ci.env': 'GH_TOKEN=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\n' }, { verify: { endpoints: { github: github.url } } });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    execFileSync('git', ['add', 'ci.env'], { cwd: dir });
    const quiet = await runHushAsync(['hook', 'run'], dir);
    expect(quiet.code).toBe(1);
    expect(github.requests).toEqual([]);
    expect(quiet.stderr + quiet.stdout).not.toContain('verification:');
    userVerify({ endpoints: { github: github.url }, hook: true });
    const checked = await runHushAsync(['hook', 'run'], dir);
    expect(checked.code).toBe(1);
    expect(github.requests).toHaveLength(1);
    expect(checked.stderr).toMatch(/verify\.hook is set: checking found secrets/);
    expect(checked.stderr + checked.stdout).toContain('verification: live');
    expect(checked.stderr + checked.stdout).not.toContain('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');
  });

  it('checks GitLab, npm, SendGrid, Twilio, OpenAI, Anthropic, Hugging Face and Azure Storage at their read-only endpoints', async () => {
    const cases = [
      {
        file: 'gitlab.env',
        text: 'GITLAB_TOKEN=glpat-y8TIE5tkZJEV3vd6HB3o',
        rule: 'gitlab.personal-access-token',
        provider: 'gitlab',
        path: '/api/v4/personal_access_tokens/self',
        auth: (h: SeenRequest['headers']) => h['private-token'] === 'glpat-y8TIE5tkZJEV3vd6HB3o',
      },
      {
        file: '.npmrc',
        text: '//registry.npmjs.org/:_authToken=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',
        rule: 'npm.access-token',
        provider: 'npm',
        path: '/-/whoami',
        auth: (h: SeenRequest['headers']) => h.authorization === 'Bearer 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',
      },
      {
        file: 'mail.env',
        text: 'SENDGRID_API_KEY=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',
        rule: 'sendgrid.api-key',
        provider: 'sendgrid',
        path: '/v3/scopes',
        auth: (h: SeenRequest['headers']) => h.authorization === 'Bearer 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',
      },
      {
        file: 'twilio.env',
        text: 'ACCOUNT_SID=ACf66f89b798061d1cff3ff719cc85e1b9\n# from the console\nAUTH_TOKEN=1e0283bfcd9c5697680b5ea752ca6208',
        rule: 'twilio.auth-token',
        provider: 'twilio',
        path: '/2010-04-01/Accounts/ACf66f89b798061d1cff3ff719cc85e1b9.json',
        auth: (h: SeenRequest['headers']) =>
          h.authorization === `Basic ${Buffer.from('ACf66f89b798061d1cff3ff719cc85e1b9:1e0283bfcd9c5697680b5ea752ca6208').toString('base64')}`,
      },
      {
        file: 'ai.env',
        text: 'OPENAI_API_KEY=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',
        rule: 'openai.api-key',
        provider: 'openai',
        path: '/v1/models',
        auth: (h: SeenRequest['headers']) => String(h.authorization).startsWith('Bearer sk-proj-'),
      },
      {
        file: 'claude.env',
        text: 'ANTHROPIC_API_KEY=sk-ant-api03-T7ZS831aUPcuyBCdUua-lvuU5m8yAA1Aw2zik1LfgThixQOSASLCmmXksJ0Y5VuWy5XExpvH2cvThXybhzCNRyRLNUhe5AA',
        rule: 'anthropic.api-key',
        provider: 'anthropic',
        path: '/v1/models?limit=1',
        auth: (h: SeenRequest['headers']) => String(h['x-api-key']).startsWith('sk-ant-api03-') && h['anthropic-version'] === '2023-06-01',
      },
      {
        file: 'hf.env',
        text: 'HF_TOKEN=hf_g652rrCETD4f80YNXV20c3HSwWZVc3fAHK',
        rule: 'huggingface.access-token',
        provider: 'huggingface',
        path: '/api/whoami-v2',
        auth: (h: SeenRequest['headers']) => h.authorization === 'Bearer hf_g652rrCETD4f80YNXV20c3HSwWZVc3fAHK',
      },
      {
        file: 'storage.config',
        text: 'DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=ujlvoXogw7A8nO9Lok98mVoVW5f+ZjwtcRgmW5YV+e9HqXMXHCaZkW6ol7Xyw6TEBF2LtB96fl4DCK67uyw2Ya==;EndpointSuffix=core.windows.net',
        rule: 'azure.storage-connection-string',
        provider: 'azure-storage',
        path: '/contosodata/?comp=list&maxresults=1',
        auth: (h: SeenRequest['headers']) => {
          // Shared Key, recomputed here from the planted key.
          const toSign = [
            'GET',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            '',
            `x-ms-date:${String(h['x-ms-date'])}\nx-ms-version:${String(h['x-ms-version'])}\n/contosodata/contosodata/\ncomp:list\nmaxresults:1`,
          ].join('\n');
          const key = 'ujlvoXogw7A8nO9Lok98mVoVW5f+ZjwtcRgmW5YV+e9HqXMXHCaZkW6ol7Xyw6TEBF2LtB96fl4DCK67uyw2Ya==';
          return h.authorization === `SharedKey contosodata:${createHmac('sha256', Buffer.from(key, 'base64')).update(toSign).digest('base64')}`;
        },
      },
    ];
    const server = await mock((req) => (cases.some((c) => c.path === req.url && c.auth(req.headers)) ? { status: 200, body: {} } : { status: 401 }));
    const files = Object.fromEntries(cases.map((c) => [c.file, `${c.text}\n`]));
    const dir = project(files, { verify: { endpoints: Object.fromEntries(cases.map((c) => [c.provider, server.url])) } });
    const run = await runHushAsync(['scan', '.', '--format', 'json', '--verify'], dir);
    const status = Object.fromEntries(findingsOf(run.stdout).map((f) => [f.ruleId, f.verification?.status]));
    for (const c of cases) expect(status[c.rule], c.rule).toBe('live');
    expect(server.requests.map((r) => r.url).sort()).toEqual(cases.map((c) => c.path).sort());
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
  });
});
