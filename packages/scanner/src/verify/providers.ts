/**
 * One read-only check per provider: the cheapest request the provider offers that tells a live
 * credential from a dead one (a whoami, a token request, a one-item list). Nothing is created,
 * changed or revoked. Each provider names its default endpoint; `.hush.json` `verify.endpoints`
 * overrides it (sovereign clouds, GitHub Enterprise Server, self-managed GitLab, local stand-ins).
 */
import { createHash, createHmac, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { builtinRules, type VerifierName } from '@hush/rules';
import { normalisePem } from '../detect/validators/keys.js';
import type { Finding, Verification } from '../types.js';
import type { HttpClient, HttpResponse } from './http.js';
import { signV4 } from './sigv4.js';

export type Outcome = Pick<Verification, 'status' | 'detail'>;

export interface Provider {
  /** The key of `verify.endpoints` and the name printed before any request. */
  id: string;
  defaultEndpoint: string;
  /** The name built-in rules give this check in their `verify` field (rule data, not code, says which rules). */
  verifier: VerifierName;
  /** Whether this finding carries what the check needs (partner values, the app beside it); default yes. */
  applies?(finding: Finding): boolean;
  /** The endpoint base for this finding (an Entra authority host found beside it, an account's host). */
  endpoint?(finding: Finding, configured: string | undefined): string;
  check(finding: Finding, endpoint: string, http: HttpClient): Promise<Outcome>;
}

const json = (res: HttpResponse): Record<string, unknown> => {
  try {
    return JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    return {};
  }
};
const trimSlash = (url: string) => url.replace(/\/+$/, '');
const statusLine = (res: HttpResponse) => `HTTP ${res.status}`;

/** The common shape: 2xx live, 401 invalid, anything else unknown with the status. */
function byStatus(res: HttpResponse, live: (body: Record<string, unknown>) => string = () => 'authenticated'): Outcome {
  if (res.status >= 200 && res.status < 300) return { status: 'live', detail: live(json(res)) };
  if (res.status === 401) return { status: 'invalid', detail: `rejected (${statusLine(res)})` };
  return { status: 'unknown', detail: `unexpected answer (${statusLine(res)})` };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// --- Microsoft Entra ID ---------------------------------------------------------------------

const ENTRA_SCOPE = 'https://graph.microsoft.com/.default';
const ENTRA_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']);

/** The authority base: the configured override, else the cloud found beside the secret, else the public cloud. */
function entraEndpoint(finding: Finding, configured: string | undefined): string {
  if (configured) return trimSlash(configured);
  const host = finding.details?.app?.authorityHost;
  return `https://${host && ENTRA_HOSTS.has(host) ? host : 'login.microsoftonline.com'}`;
}

/** AADSTS codes in a token error, mapped to what they say about the credential. */
function entraOutcome(res: HttpResponse): Outcome {
  const body = json(res);
  if (res.status === 200 && typeof body.access_token === 'string')
    return { status: 'live', detail: 'the token endpoint issued an access token (client credentials)' };
  const codes = Array.isArray(body.error_codes) ? (body.error_codes as number[]) : [];
  const described = typeof body.error === 'string' ? `${body.error}${codes.length ? ` AADSTS${codes[0]}` : ''}` : statusLine(res);
  if (codes.includes(7000215)) return { status: 'invalid', detail: `the secret is not valid for this app (AADSTS7000215)` };
  if (codes.includes(7000222)) return { status: 'expired', detail: 'the secret has expired (AADSTS7000222)' };
  if (codes.some((c) => [700027, 700024, 7000274, 7000277].includes(c)))
    return { status: 'invalid', detail: `the certificate assertion was rejected (${described})` };
  if (codes.includes(700016)) return { status: 'unknown', detail: 'no app with this client id in the tenant (AADSTS700016)' };
  if (codes.some((c) => [90002, 900023, 90072].includes(c))) return { status: 'unknown', detail: `the tenant was not found (${described})` };
  return { status: 'unknown', detail: `unexpected answer (${described})` };
}

const hasApp = (f: Finding) => !!f.details?.app?.clientId && !!f.details.app.tenant;

const entraSecret: Provider = {
  id: 'entra',
  defaultEndpoint: 'https://login.microsoftonline.com',
  verifier: 'entra-client-secret',
  applies: hasApp,
  endpoint: entraEndpoint,
  async check(f, endpoint, http) {
    const app = f.details!.app!;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: app.clientId!, client_secret: f.rawSecret, scope: ENTRA_SCOPE });
    const res = await http({
      method: 'POST',
      url: `${endpoint}/${encodeURIComponent(app.tenant!)}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    return entraOutcome(res);
  },
};

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** A client assertion (RFC 7523) signed with the leaked key; `x5t` names the certificate Entra holds. */
function clientAssertion(pem: string, thumbprintHex: string, clientId: string, audience: string, now = Date.now()): string {
  const header = { alg: 'RS256', typ: 'JWT', x5t: base64url(Buffer.from(thumbprintHex, 'hex')) };
  const seconds = Math.floor(now / 1000);
  const claims = { aud: audience, iss: clientId, sub: clientId, jti: randomUUID(), nbf: seconds - 60, iat: seconds, exp: seconds + 600 };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(input), createPrivateKey(normalisePem(pem)));
  return `${input}.${base64url(signature)}`;
}

const entraCertificate: Provider = {
  id: 'entra',
  defaultEndpoint: 'https://login.microsoftonline.com',
  verifier: 'entra-certificate',
  applies: (f) => hasApp(f) && typeof f.details?.certificateThumbprint === 'string' && f.details.keyType === 'rsa' && f.details.encrypted !== true,
  endpoint: entraEndpoint,
  async check(f, endpoint, http) {
    const app = f.details!.app!;
    const url = `${endpoint}/${encodeURIComponent(app.tenant!)}/oauth2/v2.0/token`;
    let assertion: string;
    try {
      assertion = clientAssertion(f.rawSecret, f.details!.certificateThumbprint as string, app.clientId!, url);
    } catch {
      return { status: 'unknown', detail: 'the key could not be used to sign an assertion' };
    }
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId!,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: ENTRA_SCOPE,
    });
    return entraOutcome(await http({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() }));
  },
};

// --- Source hosting and registries ----------------------------------------------------------

const github: Provider = {
  id: 'github',
  defaultEndpoint: 'https://api.github.com',
  verifier: 'github',
  async check(f, endpoint, http) {
    const res = await http({ method: 'GET', url: `${trimSlash(endpoint)}/user`, headers: { ...bearer(f.rawSecret), accept: 'application/vnd.github+json' } });
    if (res.status === 403 && res.headers['x-ratelimit-remaining'] === '0') return { status: 'unknown', detail: 'rate-limited by GitHub; try again later' };
    return byStatus(res, (b) => (typeof b.login === 'string' ? `authenticates as ${b.login}` : 'authenticated'));
  },
};

const gitlab: Provider = {
  id: 'gitlab',
  defaultEndpoint: 'https://gitlab.com',
  verifier: 'gitlab',
  async check(f, endpoint, http) {
    const res = await http({ method: 'GET', url: `${trimSlash(endpoint)}/api/v4/personal_access_tokens/self`, headers: { 'private-token': f.rawSecret } });
    const body = json(res);
    if (res.status === 200 && body.revoked === true) return { status: 'invalid', detail: 'revoked' };
    if (res.status === 200 && body.active === false) return { status: 'expired', detail: 'no longer active' };
    return byStatus(res, (b) => (typeof b.name === 'string' ? `token "${b.name}"` : 'authenticated'));
  },
};

const npm: Provider = {
  id: 'npm',
  defaultEndpoint: 'https://registry.npmjs.org',
  verifier: 'npm',
  async check(f, endpoint, http) {
    const res = await http({ method: 'GET', url: `${trimSlash(endpoint)}/-/whoami`, headers: bearer(f.rawSecret) });
    return byStatus(res, (b) => (typeof b.username === 'string' ? `authenticates as ${b.username}` : 'authenticated'));
  },
};

// --- Chat, payments, mail, AI ---------------------------------------------------------------

const slack: Provider = {
  id: 'slack',
  defaultEndpoint: 'https://slack.com',
  verifier: 'slack',
  async check(f, endpoint, http) {
    const res = await http({
      method: 'POST',
      url: `${trimSlash(endpoint)}/api/auth.test`,
      headers: { ...bearer(f.rawSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    const body = json(res);
    if (res.status !== 200) return { status: 'unknown', detail: `unexpected answer (${statusLine(res)})` };
    if (body.ok === true) return { status: 'live', detail: typeof body.team === 'string' ? `workspace ${body.team}` : 'authenticated' };
    if (body.error === 'token_expired') return { status: 'expired', detail: 'token_expired' };
    if (['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed'].includes(String(body.error)))
      return { status: 'invalid', detail: String(body.error) };
    return {
      status: 'unknown',
      detail: `unexpected answer (${body.error == null ? 'no error code' : typeof body.error === 'string' ? body.error : JSON.stringify(body.error)})`,
    };
  },
};

const stripe: Provider = {
  id: 'stripe',
  defaultEndpoint: 'https://api.stripe.com',
  verifier: 'stripe',
  async check(f, endpoint, http) {
    const res = await http({ method: 'GET', url: `${trimSlash(endpoint)}/v1/balance`, headers: bearer(f.rawSecret) });
    // A restricted key without balance access is still a working key.
    if (res.status === 403) return { status: 'live', detail: 'authenticated (restricted key without balance access)' };
    return byStatus(res, (b) => (b.livemode === true ? 'live mode' : 'authenticated'));
  },
};

const sendgrid: Provider = {
  id: 'sendgrid',
  defaultEndpoint: 'https://api.sendgrid.com',
  verifier: 'sendgrid',
  async check(f, endpoint, http) {
    const res = await http({ method: 'GET', url: `${trimSlash(endpoint)}/v3/scopes`, headers: bearer(f.rawSecret) });
    if (res.status === 403) return { status: 'live', detail: 'authenticated (no permission to list scopes)' };
    return byStatus(res);
  },
};

const twilio: Provider = {
  id: 'twilio',
  defaultEndpoint: 'https://api.twilio.com',
  verifier: 'twilio',
  applies: (f) => /^AC[0-9a-f]{32}$/i.test(f.partnerValues?.accountSid ?? ''),
  async check(f, endpoint, http) {
    const sid = f.partnerValues!.accountSid;
    // API keys (SK…) authenticate as key sid + secret; auth tokens as account sid + token.
    const user = f.partnerValues?.apiKeySid ?? sid;
    const res = await http({
      method: 'GET',
      url: `${trimSlash(endpoint)}/2010-04-01/Accounts/${sid}.json`,
      headers: { authorization: `Basic ${Buffer.from(`${user}:${f.rawSecret}`).toString('base64')}` },
    });
    return byStatus(res, (b) => (typeof b.status === 'string' ? `account ${b.status}` : 'authenticated'));
  },
};

const openai: Provider = {
  id: 'openai',
  defaultEndpoint: 'https://api.openai.com',
  verifier: 'openai',
  async check(f, endpoint, http) {
    const res = await http({ method: 'GET', url: `${trimSlash(endpoint)}/v1/models`, headers: bearer(f.rawSecret) });
    if (res.status === 429) return { status: 'live', detail: 'authenticated (rate-limited or out of quota)' };
    return byStatus(res);
  },
};

const anthropic: Provider = {
  id: 'anthropic',
  defaultEndpoint: 'https://api.anthropic.com',
  verifier: 'anthropic',
  async check(f, endpoint, http) {
    const res = await http({
      method: 'GET',
      url: `${trimSlash(endpoint)}/v1/models?limit=1`,
      headers: { 'x-api-key': f.rawSecret, 'anthropic-version': '2023-06-01' },
    });
    if (res.status === 429) return { status: 'live', detail: 'authenticated (rate-limited)' };
    return byStatus(res);
  },
};

const huggingface: Provider = {
  id: 'huggingface',
  defaultEndpoint: 'https://huggingface.co',
  verifier: 'huggingface',
  async check(f, endpoint, http) {
    const res = await http({ method: 'GET', url: `${trimSlash(endpoint)}/api/whoami-v2`, headers: bearer(f.rawSecret) });
    return byStatus(res, (b) => (typeof b.name === 'string' ? `authenticates as ${b.name}` : 'authenticated'));
  },
};

// --- Cloud ----------------------------------------------------------------------------------

const aws: Provider = {
  id: 'aws',
  defaultEndpoint: 'https://sts.amazonaws.com',
  verifier: 'aws',
  applies: (f) => /^(AKIA|ASIA)[A-Z2-7]{16}$/.test(f.partnerValues?.accessKeyId ?? ''),
  async check(f, endpoint, http) {
    const url = `${trimSlash(endpoint)}/`;
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const headers = signV4({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
      accessKeyId: f.partnerValues!.accessKeyId,
      secretAccessKey: f.rawSecret,
      sessionToken: f.partnerValues?.sessionToken,
      region: 'us-east-1',
      service: 'sts',
    });
    delete headers.host;
    const res = await http({ method: 'POST', url, headers, body });
    if (res.status === 200) {
      const arn = /<Arn>([^<]+)<\/Arn>/.exec(res.text)?.[1];
      return { status: 'live', detail: arn ? `authenticates as ${arn}` : 'authenticated' };
    }
    if (/ExpiredToken/.test(res.text)) return { status: 'expired', detail: 'ExpiredToken' };
    if (res.status === 403 && /InvalidClientTokenId|SignatureDoesNotMatch/.test(res.text))
      return {
        status: 'invalid',
        detail: /SignatureDoesNotMatch/.test(res.text) ? 'SignatureDoesNotMatch (wrong secret for this key id)' : 'InvalidClientTokenId (no such key)',
      };
    return { status: 'unknown', detail: `unexpected answer (${statusLine(res)})` };
  },
};

/** Shared Key authorization for one blob-service GET (Azure Storage's documented string to sign). */
function storageSharedKey(account: string, key: string, method: string, url: string, headers: Record<string, string>): string {
  const parsed = new URL(url);
  const msHeaders = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h.startsWith('x-ms-'))
    .sort()
    .map((h) => `${h}:${headers[h].trim()}\n`)
    .join('');
  const query = [...parsed.searchParams].map(([k, v]) => [k.toLowerCase(), v] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const resource = `/${account}${parsed.pathname}${query.map(([k, v]) => `\n${k}:${v}`).join('')}`;
  const stringToSign = [method, '', '', '', '', '', '', '', '', '', '', '', msHeaders + resource].join('\n');
  return `SharedKey ${account}:${createHmac('sha256', Buffer.from(key, 'base64')).update(stringToSign, 'utf8').digest('base64')}`;
}

const azureStorage: Provider = {
  id: 'azure-storage',
  defaultEndpoint: 'https://{account}.blob.core.windows.net',
  verifier: 'azure-storage',
  applies: (f) => /^[a-z0-9]{3,24}$/.test(f.partnerValues?.accountName ?? ''),
  endpoint: (f, configured) => trimSlash(configured ?? `https://${f.partnerValues!.accountName}.blob.core.windows.net`),
  async check(f, endpoint, http) {
    const account = f.partnerValues!.accountName;
    // An override (Azurite-style) addresses the account by path; the real service by host name.
    const url = endpoint.includes(`${account}.blob.`) ? `${endpoint}/?comp=list&maxresults=1` : `${endpoint}/${account}/?comp=list&maxresults=1`;
    const headers: Record<string, string> = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': '2021-08-06' };
    headers.authorization = storageSharedKey(account, f.rawSecret, 'GET', url, headers);
    const res = await http({ method: 'GET', url, headers });
    if (res.status === 200) return { status: 'live', detail: `lists the containers of account ${account}` };
    if (res.status === 403 && /AuthenticationFailed/.test(res.text))
      return { status: 'invalid', detail: 'AuthenticationFailed (the key is not this account’s)' };
    return { status: 'unknown', detail: `unexpected answer (${statusLine(res)})` };
  },
};

const PROVIDERS: readonly Provider[] = [
  entraSecret,
  entraCertificate,
  github,
  gitlab,
  npm,
  slack,
  stripe,
  sendgrid,
  twilio,
  openai,
  anthropic,
  huggingface,
  aws,
  azureStorage,
];

let verifierByRule: Map<string, VerifierName> | undefined;

/**
 * The check for a finding: the one its built-in rule names in `verify`, if the finding carries what
 * that check needs. A repository's own rules never name one (the linter refuses), so nothing a
 * repository writes can send a value to a provider.
 */
export function providerFor(finding: Finding): Provider | undefined {
  verifierByRule ??= new Map(builtinRules().flatMap((r) => (r.verify ? [[r.id, r.verify] as const] : [])));
  const name = verifierByRule.get(finding.ruleId);
  if (!name) return undefined;
  return PROVIDERS.find((p) => p.verifier === name && (p.applies?.(finding) ?? true));
}

/** sha-256 of rule and secret: one request per distinct secret per run (kept in memory only). */
export const verificationKey = (f: Finding) =>
  createHash('sha256')
    .update(`${f.ruleId}\0${f.rawSecret}\0${JSON.stringify(f.partnerValues ?? {})}\0${JSON.stringify(f.details?.app ?? {})}`)
    .digest('hex');
