/**
 * `org inventory`: an organisation's repositories through its provider's REST API (GitHub, GitLab,
 * Azure DevOps), page by page, waiting out rate limits as the provider asks (`Retry-After`, reset
 * headers). Requests go through the verification HTTP client: https:// only, http:// on loopback.
 */
import { ConfigError } from '../errors.js';
import { stripUrlCredentials } from '../detect/redact.js';
import { httpClient, NetworkError, type HttpClient, type HttpResponse } from '../verify/http.js';

const PROVIDER_NAMES = ['github', 'gitlab', 'azure-devops'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** One line of repos.jsonl. */
export interface InventoryEntry {
  /** Whose token a clone may use (absent in a hand-written line: none). */
  provider?: ProviderName;
  /** `owner/name` (GitLab: the full namespace path; Azure DevOps: `project/name`). */
  name: string;
  cloneUrl: string;
  defaultBranch?: string;
  /**
   * Audit only this slice of history (as `hush audit --range`: `A..B`, or `B` for all B reaches).
   * A monorepo too long for one job is listed once per slice; `org merge` joins the slices.
   */
  range?: string;
  /** Kilobytes, as the provider reports it (0 when unknown). */
  size: number;
  archived: boolean;
  fork: boolean;
}

export interface InventoryOptions {
  provider: ProviderName;
  owner: string;
  /** The API base (GitHub Enterprise Server, self-managed GitLab, Azure DevOps Server). */
  api?: string;
  token?: string;
  includeArchived: boolean;
  includeForks: boolean;
  /** One line of progress or waiting, for stderr. */
  progress?: (line: string) => void;
  /** For tests: how waiting is done. */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

const DEFAULT_API: Record<ProviderName, string> = {
  github: 'https://api.github.com',
  gitlab: 'https://gitlab.com/api/v4',
  'azure-devops': 'https://dev.azure.com',
};

/** Longest wait for a rate limit before giving up (a reset an hour away means a token is exhausted). */
const MAX_WAIT_MS = 60 * 60 * 1000;
const MAX_RATE_LIMIT_WAITS = 10;
/** Pages of 100 repositories are large JSON documents. */
const MAX_PAGE = 32 * 1024 * 1024;

type Provider = (base: string, owner: string, send: (url: string) => Promise<HttpResponse>) => AsyncGenerator<InventoryEntry[]>;

export async function listRepositories(options: InventoryOptions): Promise<InventoryEntry[]> {
  const base = (options.api ?? DEFAULT_API[options.provider]).replace(/\/+$/, '');
  const http = httpClient(options.timeoutMs ?? 30_000, { maxBody: MAX_PAGE, userAgent: 'hush-org-inventory' });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const send = (url: string) => request(http, url, authHeaders(options.provider, options.token), sleep, options.progress);
  const all: InventoryEntry[] = [];
  try {
    for await (const page of PROVIDERS[options.provider](base, options.owner, send)) {
      all.push(...page);
      options.progress?.(`listed ${all.length} repositories`);
    }
  } finally {
    await http.close?.();
  }
  return all
    .filter((e) => (options.includeArchived || !e.archived) && (options.includeForks || !e.fork))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function authHeaders(provider: ProviderName, token: string | undefined): Record<string, string> {
  if (!token) return {};
  if (provider === 'github') return { authorization: `Bearer ${token}` };
  if (provider === 'gitlab') return { 'private-token': token };
  return { authorization: `Basic ${Buffer.from(`:${token}`).toString('base64')}` };
}

/** One GET, repeated while the provider says to wait (rate limits), never more than MAX_RATE_LIMIT_WAITS times. */
async function request(
  http: HttpClient,
  url: string,
  headers: Record<string, string>,
  sleep: (ms: number) => Promise<void>,
  progress?: (line: string) => void,
): Promise<HttpResponse> {
  const where = new URL(url);
  for (let attempt = 0; ; attempt++) {
    let response: HttpResponse;
    try {
      response = await http({ method: 'GET', url, headers: { accept: 'application/json', ...headers } });
    } catch (error) {
      throw new ConfigError(`${where.host}: ${error instanceof NetworkError ? error.message : String(error)}`);
    }
    const wait = rateLimitWait(response);
    if (wait === undefined) {
      if (response.status === 200) return response;
      throw new ConfigError(`${where.host} answered ${response.status} for ${where.pathname}${providerMessage(response)}`);
    }
    if (attempt >= MAX_RATE_LIMIT_WAITS) throw new ConfigError(`${where.host}: still rate limited after ${attempt} waits`);
    if (wait > MAX_WAIT_MS) throw new ConfigError(`${where.host}: rate limited for ${Math.ceil(wait / 60000)} more minutes (over the 60-minute limit)`);
    progress?.(`rate limited by ${where.host}: waiting ${Math.ceil(wait / 1000)} s`);
    await sleep(wait);
  }
}

/** How long the provider asks us to wait, or undefined when the answer is not a rate limit. */
function rateLimitWait(response: HttpResponse, now = Date.now()): number | undefined {
  const h = response.headers;
  const limited = response.status === 429 || (response.status === 403 && (h['retry-after'] !== undefined || h['x-ratelimit-remaining'] === '0'));
  if (!limited) return undefined;
  const retryAfter = h['retry-after'];
  if (retryAfter !== undefined) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  // GitHub: x-ratelimit-reset; GitLab: ratelimit-reset (epoch seconds).
  const reset = h['x-ratelimit-reset'] ?? h['ratelimit-reset'];
  if (reset && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset) * 1000 - now) + 1000;
  return 60_000;
}

/** The provider's own error text (its `message`), one short line; never the request's headers. */
function providerMessage(response: HttpResponse): string {
  try {
    const body = JSON.parse(response.text) as { message?: unknown };
    const message = typeof body.message === 'string' ? body.message : undefined;
    return message ? `: ${message.replace(/\s+/g, ' ').slice(0, 160)}` : '';
  } catch {
    return '';
  }
}

function json<T>(response: HttpResponse, what: string): T {
  try {
    return JSON.parse(response.text) as T;
  } catch {
    throw new ConfigError(`${what}: the answer is not JSON`);
  }
}

/** RFC 8288 `Link: <url>; rel="next"`. */
function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** A next-page URL must stay on the API's own origin: a redirecting answer must not send the token elsewhere. */
function sameOrigin(next: string | undefined, base: string): string | undefined {
  if (!next) return undefined;
  const url = new URL(next, base);
  if (url.origin !== new URL(base).origin) throw new ConfigError(`the API's next page points at another host (${url.origin})`);
  return url.href;
}

const required = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || !value) throw new ConfigError(`unexpected answer: a repository without ${what}`);
  return value;
};

interface GitHubRepo {
  full_name: string;
  clone_url: string;
  default_branch?: string;
  size?: number;
  archived?: boolean;
  fork?: boolean;
}

async function* github(base: string, owner: string, send: (url: string) => Promise<HttpResponse>): AsyncGenerator<InventoryEntry[]> {
  let url: string | undefined = `${base}/orgs/${encodeURIComponent(owner)}/repos?type=all&per_page=100`;
  while (url) {
    const response = await send(url);
    const repos = json<GitHubRepo[]>(response, 'GitHub');
    if (!Array.isArray(repos)) throw new ConfigError('GitHub: the answer is not a list of repositories');
    yield repos.map((r) => ({
      provider: 'github',
      name: required(r.full_name, 'full_name'),
      cloneUrl: stripUrlCredentials(required(r.clone_url, 'clone_url')),
      ...(r.default_branch ? { defaultBranch: r.default_branch } : {}),
      size: Number(r.size) || 0,
      archived: r.archived === true,
      fork: r.fork === true,
    }));
    url = sameOrigin(nextLink(response.headers.link), base);
  }
}

interface GitLabProject {
  path_with_namespace: string;
  http_url_to_repo: string;
  default_branch?: string | null;
  archived?: boolean;
  forked_from_project?: unknown;
  statistics?: { repository_size?: number };
}

async function* gitlab(base: string, owner: string, send: (url: string) => Promise<HttpResponse>): AsyncGenerator<InventoryEntry[]> {
  let url: string | undefined =
    `${base}/groups/${encodeURIComponent(owner)}/projects?include_subgroups=true&with_shared=false&statistics=true&per_page=100&order_by=id&sort=asc`;
  while (url) {
    const response = await send(url);
    const projects = json<GitLabProject[]>(response, 'GitLab');
    if (!Array.isArray(projects)) throw new ConfigError('GitLab: the answer is not a list of projects');
    yield projects.map((p) => ({
      provider: 'gitlab',
      name: required(p.path_with_namespace, 'path_with_namespace'),
      cloneUrl: stripUrlCredentials(required(p.http_url_to_repo, 'http_url_to_repo')),
      ...(p.default_branch ? { defaultBranch: p.default_branch } : {}),
      size: Math.ceil((Number(p.statistics?.repository_size) || 0) / 1024),
      archived: p.archived === true,
      fork: p.forked_from_project !== undefined && p.forked_from_project !== null,
    }));
    const nextPage = response.headers['x-next-page'];
    const link = nextLink(response.headers.link);
    url = sameOrigin(link ?? (nextPage && /^\d+$/.test(nextPage) ? withPage(url, nextPage) : undefined), base);
  }
}

function withPage(url: string, page: string): string {
  const next = new URL(url);
  next.searchParams.set('page', page);
  return next.href;
}

interface AzureRepo {
  name: string;
  remoteUrl: string;
  defaultBranch?: string;
  size?: number;
  isDisabled?: boolean;
  isFork?: boolean;
  project?: { name?: string };
}

async function* azureDevOps(base: string, owner: string, send: (url: string) => Promise<HttpResponse>): AsyncGenerator<InventoryEntry[]> {
  let token: string | undefined;
  do {
    const url = `${base}/${encodeURIComponent(owner)}/_apis/git/repositories?api-version=7.1${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
    const response = await send(url);
    const body = json<{ value?: AzureRepo[] }>(response, 'Azure DevOps');
    if (!Array.isArray(body.value)) throw new ConfigError('Azure DevOps: the answer has no list of repositories');
    // A disabled repository cannot be cloned or read (Azure DevOps has no read-only archive): left out.
    yield body.value
      .filter((r) => r.isDisabled !== true)
      .map((r) => ({
        provider: 'azure-devops',
        name: `${required(r.project?.name, 'project')}/${required(r.name, 'name')}`,
        cloneUrl: stripUrlCredentials(required(r.remoteUrl, 'remoteUrl')),
        ...(r.defaultBranch ? { defaultBranch: r.defaultBranch.replace(/^refs\/heads\//, '') } : {}),
        size: Math.ceil((Number(r.size) || 0) / 1024),
        archived: false,
        fork: r.isFork === true,
      }));
    token = response.headers['x-ms-continuationtoken'] || undefined;
  } while (token);
}

const PROVIDERS: Record<ProviderName, Provider> = { github, gitlab, 'azure-devops': azureDevOps };

/** Parses repos.jsonl, one clear error per bad line. */
export function parseInventory(text: string, source: string): InventoryEntry[] {
  const entries: InventoryEntry[] = [];
  const names = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: Partial<InventoryEntry>;
    try {
      value = JSON.parse(line) as Partial<InventoryEntry>;
    } catch {
      throw new ConfigError(`${source}:${i + 1}: not a JSON line`);
    }
    if (typeof value !== 'object' || value === null || typeof value.name !== 'string' || !value.name || typeof value.cloneUrl !== 'string' || !value.cloneUrl)
      throw new ConfigError(`${source}:${i + 1}: needs "name" and "cloneUrl"`);
    if (value.range !== undefined && (typeof value.range !== 'string' || !value.range || value.range.startsWith('-')))
      throw new ConfigError(`${source}:${i + 1}: "range" must be a revision range such as A..B`);
    const key = `${value.name}\0${value.range ?? ''}`;
    if (names.has(key)) throw new ConfigError(`${source}:${i + 1}: repository ${value.name}${value.range ? ` (range ${value.range})` : ''} is listed twice`);
    names.add(key);
    if (value.provider !== undefined && !PROVIDER_NAMES.includes(value.provider))
      throw new ConfigError(`${source}:${i + 1}: provider must be one of ${PROVIDER_NAMES.join(', ')}`);
    entries.push({
      ...(value.provider ? { provider: value.provider } : {}),
      name: value.name,
      cloneUrl: value.cloneUrl,
      ...(typeof value.defaultBranch === 'string' && value.defaultBranch ? { defaultBranch: value.defaultBranch } : {}),
      ...(value.range ? { range: value.range } : {}),
      size: Number.isFinite(value.size) && Number(value.size) > 0 ? Number(value.size) : 0,
      archived: value.archived === true,
      fork: value.fork === true,
    });
  });
  return entries;
}
