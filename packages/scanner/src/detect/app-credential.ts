/**
 * An Entra app credential as a whole: a client secret (or a certificate's private key) is one part;
 * the client id, the tenant and the cloud's authority host complete it. They are found in the same
 * text (appsettings sections, .env files, MSAL and Azure Identity code, Terraform) and recorded in
 * `details.app`. They are identifiers, not secrets, so they are shown as they are: they tell the user
 * which app registration to open, and `--verify` needs them for the token request.
 */
import { NearMatches } from './near-matches.js';
import type { TextLike } from './text.js';
import type { AppCredential, Finding } from '../types.js';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A tenant is its GUID or a verified domain (contoso.onmicrosoft.com, contoso.com). */
const TENANT = `${GUID}|[A-Za-z0-9][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)+`;
const AUTHORITY_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'];
const HOST = AUTHORITY_HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|');

/** Key names and call forms that carry a value, quoted or not: `"ClientId": "…"`, `client_id = …`, `.WithClientId("…")`. */
const assigned = (names: string, value: string) =>
  new RegExp(`(?:\\b(?:${names})\\b["']?\\s*(?:[:=]|=>)\\s*|\\.(?:${names})\\(\\s*)["']?(?<value>${value})\\b`, 'gi');

const CLIENT_ID = assigned(
  'client[_-]?id|azure[_-]?client[_-]?id|arm[_-]?client[_-]?id|app[_-]?id|application[_-]?id|WithClientId|aad[_-]?client[_-]?id',
  GUID,
);
/** Positional forms: MSAL's `ConfidentialClientApplication[Builder.Create]("<client id>"…)`, Azure Identity's `ClientSecretCredential("<tenant>", "<client id>", …)`. */
const CLIENT_ID_CALL = new RegExp(
  `(?:ConfidentialClientApplication(?:Builder\\s*\\.\\s*Create)?|ClientSecretCredential\\(\\s*["'](?:${TENANT})["']\\s*,)\\s*\\(?\\s*["'](?<value>${GUID})["']`,
  'g',
);
const TENANT_CALL = new RegExp(`ClientSecretCredential\\(\\s*["'](?<value>${TENANT})["']\\s*,\\s*["']${GUID}["']`, 'gi');
const TENANT_ID = assigned('tenant[_-]?id|tenant|azure[_-]?tenant[_-]?id|arm[_-]?tenant[_-]?id|WithTenantId|directory[_-]?id|aad[_-]?tenant[_-]?id', TENANT);
/** `https://login.microsoftonline.com/<tenant>` in an authority, instance or token URL. */
const AUTHORITY = new RegExp(`https://(?<host>${HOST})/(?<tenant>${TENANT})(?=[/"'\\s?]|$)`, 'gi');
/** An authority host given alone (appsettings `Instance`, `AZURE_AUTHORITY_HOST`). */
const HOST_ONLY = new RegExp(`https://(?<host>${HOST})/?(?=["'\\s]|$)`, 'gi');
/** Tenant placeholders that are not a tenant: the multi-tenant endpoints. */
const NOT_A_TENANT = /^(common|organizations|consumers|oauth2|v2\.0)$/i;

/** How far from the secret partners are looked for (a config file's section, one source file). */
const REACH = 20_000;

/** Rules whose findings are part of an Entra app credential: Entra secrets, and private keys (certificate credentials). */
function isAppCredentialRule(ruleId: string, provider: string | undefined): boolean {
  return provider === 'Microsoft Entra ID' || ruleId.startsWith('key.');
}

/** Adds `details.app` to findings that are part of an app credential; `sources[i]` describes `findings[i]`. */
export function describeApps(text: TextLike, findings: Finding[], sources: ReadonlyArray<{ provider?: string; offset: number }>): Finding[] {
  const asked = findings.filter((f, i) => isAppCredentialRule(f.ruleId, sources[i]?.provider)).length;
  if (!asked) return findings;
  const near = (regex: RegExp) => new NearMatches(regex, text, REACH);
  const finders = {
    clientId: near(CLIENT_ID),
    clientIdCall: near(CLIENT_ID_CALL),
    authority: near(AUTHORITY),
    tenantId: near(TENANT_ID),
    tenantCall: near(TENANT_CALL),
    host: near(HOST_ONLY),
  };
  return findings.map((f, i) => {
    if (!isAppCredentialRule(f.ruleId, sources[i]?.provider)) return f;
    const app = appAround(finders, sources[i].offset);
    // A private key alone is no app credential: record one only where a client id names the app.
    if (!app || (f.ruleId.startsWith('key.') && !app.clientId)) return f;
    return { ...f, details: { ...f.details, app } };
  });
}

type Finders = Record<'clientId' | 'clientIdCall' | 'authority' | 'tenantId' | 'tenantCall' | 'host', NearMatches>;

/** The client id, tenant and authority host nearest to `at`, if any. */
function appAround(find: Finders, at: number): AppCredential | undefined {
  const clientId = nearest(find.clientId, at, (g) => g.value!.toLowerCase()) ?? nearest(find.clientIdCall, at, (g) => g.value!.toLowerCase());
  const authority = nearest(find.authority, at, (g) => (NOT_A_TENANT.test(g.tenant!) ? undefined : `${g.host!.toLowerCase()} ${g.tenant}`));
  const tenant =
    nearest(find.tenantId, at, (g) => (NOT_A_TENANT.test(g.value!) || /^https?$/i.test(g.value!) ? undefined : g.value)) ??
    nearest(find.tenantCall, at, (g) => g.value) ??
    authority?.split(' ')[1];
  const host = authority?.split(' ')[0] ?? nearest(find.host, at, (g) => g.host!.toLowerCase());
  if (!clientId && !tenant) return undefined;
  return {
    ...(clientId ? { clientId } : {}),
    ...(tenant ? { tenant: /^[0-9a-f-]{36}$/i.test(tenant) ? tenant.toLowerCase() : tenant } : {}),
    ...(host ? { authorityHost: host } : {}),
  };
}

function nearest(near: NearMatches, at: number, value: (groups: Record<string, string | undefined>) => string | undefined): string | undefined {
  let best: string | undefined;
  let distance = Infinity;
  for (const m of near.around(at, at)) {
    const v = value(m.groups ?? {});
    const d = Math.abs(m.start - at);
    if (v !== undefined && d < distance) {
      distance = d;
      best = v;
    }
  }
  return best;
}
