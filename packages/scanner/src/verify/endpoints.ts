/**
 * Which endpoints verification may be pointed at (`.hush.json` `verify.endpoints`): one per provider,
 * https:// only, or http:// on a loopback host (local stand-in servers). Kept apart from the HTTP
 * client so validating a config loads no network code.
 */
const ENDPOINT_KEYS = [
  'entra',
  'github',
  'gitlab',
  'npm',
  'slack',
  'stripe',
  'sendgrid',
  'twilio',
  'openai',
  'anthropic',
  'huggingface',
  'aws',
  'azure-storage',
] as const;

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Why a URL may not be an endpoint, or undefined when it may. */
export function checkEndpoint(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.username || parsed.password) return 'must not hold credentials';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname)) return undefined;
  return 'must be https:// (plain http:// only for loopback hosts)';
}

/** Problems with `verify.endpoints`, named by key (a URL is no secret, but it is not quoted either). */
export function endpointProblems(endpoints: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(endpoints)) {
    if (!(ENDPOINT_KEYS as readonly string[]).includes(key))
      problems.push(`verify.endpoints: entry #${Object.keys(endpoints).indexOf(key) + 1} is not a provider (known: ${ENDPOINT_KEYS.join(', ')})`);
    else if (typeof value !== 'string') problems.push(`verify.endpoints.${key} must be a URL string`);
    else {
      const problem = checkEndpoint(value);
      if (problem) problems.push(`verify.endpoints.${key} ${problem}`);
    }
  }
  return problems;
}
