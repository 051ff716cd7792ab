/**
 * A run's policy: every setting hush goes by, resolved once before the scan, each with the origin it
 * came from. Origins differ in what they are trusted for:
 *
 * - scan settings (rules, allow-lists, size caps, the baseline) may come from any origin: describing
 *   its own content is what a repository's `.hush.json` is for, and a range audit takes them from the
 *   base revision so a change cannot judge itself (trusted-config.ts);
 * - settings that send found secrets over the network (`verify.endpoints`, `verify.hook`,
 *   `verify.timeoutMs`, `verify.concurrency`) only from origins the person running hush controls or
 *   has reviewed: built-in defaults, the user's config, the command line, the base revision of a
 *   range audit, a server's policy (pre-receive). A repository under test sets them only when the
 *   caller passes `--trust-repo-verify`; otherwise its attempt is ignored and said once.
 *
 * Proxies are taken from the environment only (HTTPS_PROXY, …), never from any file.
 */
import { resolve, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { findConfigFile, loadConfig } from '../config/config.js';
import { CONFIG_FILE, type HushConfig } from '../config/config-shape.js';
import { enclosingRepoRoot } from '../contained-files.js';
import { BASELINE_FILE, loadBaseline, type Baseline } from '../report/baseline.js';
import { scanSettings, type ScanSettings, type SettingsOverrides } from '../scan-settings.js';
import { ConfigError } from '../errors.js';
import { endpointProblems } from '../verify/endpoints.js';
import { loadUserConfig } from './user-config.js';

type Origin = 'built-in' | 'user' | 'repository' | 'base-revision' | 'server' | 'command-line';

/** Origins whose settings may send secrets over the network without the caller's say-so. */
const TRUSTED_FOR_NETWORK: ReadonlySet<Origin> = new Set(['built-in', 'user', 'base-revision', 'server', 'command-line']);

/** Which origin wins where two set the same verification setting (higher wins). */
const PRECEDENCE: Record<Origin, number> = { 'built-in': 0, repository: 1, 'base-revision': 1, server: 2, user: 3, 'command-line': 4 };

/** A value and where it came from (`label`: the file or flag, for messages). */
interface Sourced<T> {
  value: T;
  origin: Origin;
  label: string;
}

/** What the post-scan stage does for each command. */
type RunKind = 'scan' | 'audit' | 'staged' | 'hook' | 'baseline' | 'purge-plan' | 'server';

type VerifySettings = NonNullable<HushConfig['verify']>;

interface VerifyPolicy {
  /** Whether this run asks providers about its findings (--verify; in the hook, a trusted verify.hook). */
  enabled: boolean;
  endpoints: Record<string, Sourced<string>>;
  timeoutMs?: Sourced<number>;
  concurrency?: Sourced<number>;
  hook: Sourced<boolean>;
}

/** Settings a source tried to set but is not trusted with. */
export interface IgnoredSettings {
  label: string;
  keys: string[];
}

export interface Policy {
  kind: RunKind;
  config: Sourced<HushConfig>;
  settings: ScanSettings;
  baseline?: Sourced<Baseline>;
  verify: VerifyPolicy;
  includeSuppressed: boolean;
  /** The hook blocks a commit whose staged files could not all be scanned. */
  blockOnSkipped: boolean;
  /** A file not scanned to its end fails the run (`fail`, default) or is only noted (`warn`). */
  incompleteScan: 'fail' | 'warn';
  ignored: IgnoredSettings[];
}

/** What the caller (a command, the hook, a server) asks of the policy. */
export interface PolicyOptions {
  kind?: RunKind;
  /** --config: the file (resolved from the cwd). */
  configFile?: string;
  /** --baseline: the file (resolved from the cwd); `false`: no baseline at all. */
  baselineFile?: string | false;
  /** --verify. */
  verify?: boolean;
  /** --verify-endpoint provider=URL (checked by the command line). */
  verifyEndpoints?: Record<string, string>;
  /** --trust-repo-verify: the repository under test may set verification settings. */
  trustRepoVerify?: boolean;
  includeSuppressed?: boolean;
  /**
   * A server's policy (pre-receive): the whole configuration and baseline of the run (nothing of the
   * push is read), trusted as the user's settings are.
   */
  server?: { config: HushConfig; label: string; baseline?: { baseline: Baseline; label: string } };
  /** Where the user config is found (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Where the scan found its repository's settings. */
export interface RepositorySettings {
  cwd: string;
  /** Directories searched for `.hush.json`, in order. */
  roots: string[];
  /** Where `.hush-baseline.json` is looked for. */
  baselineRoot: string;
  /** A range audit: config and baseline from the revision it trusts (not from the work tree). */
  revision?: { config: HushConfig; baseline?: Baseline; revision?: string; origin: Origin; usesConfig: boolean };
}

export async function resolvePolicy(options: PolicyOptions & SettingsOverrides, repository: RepositorySettings): Promise<Policy> {
  const kind = options.kind ?? 'scan';
  const config = await repositoryConfig(options, repository);
  const user = await loadUserConfig(options.env);
  const layers: Array<Sourced<VerifySettings>> = [];
  const ignored: IgnoredSettings[] = [];
  // Layers are applied in PRECEDENCE order: the repository's (when trusted), a reviewed revision's or a server's (then the whole configuration), the user's, the command line's.
  if (config.value.verify) {
    if (TRUSTED_FOR_NETWORK.has(config.origin) || options.trustRepoVerify) layers.push({ ...config, value: config.value.verify });
    else ignored.push({ label: config.label, keys: Object.keys(config.value.verify).map((key) => `verify.${key}`) });
  }
  if (user) layers.push({ value: user.verify, origin: 'user', label: user.label });
  const flagProblem = options.verifyEndpoints && endpointProblems(options.verifyEndpoints)[0];
  if (flagProblem) throw new ConfigError(`--verify-endpoint: ${flagProblem.replace(/^verify\.endpoints[.:]\s*/, '')}`);
  if (options.verifyEndpoints) layers.push({ value: { endpoints: options.verifyEndpoints }, origin: 'command-line', label: '--verify-endpoint' });
  const verify = verifyPolicy(
    layers.sort((a, b) => PRECEDENCE[a.origin] - PRECEDENCE[b.origin]),
    kind,
    options.verify === true,
  );
  return {
    kind,
    config,
    settings: scanSettings(config.value, options),
    baseline: baselineFor(options, repository),
    verify,
    includeSuppressed: options.includeSuppressed === true,
    blockOnSkipped: config.value.hook?.blockOnSkipped === true,
    incompleteScan: config.value.incompleteScan ?? 'fail',
    ignored,
  };
}

async function repositoryConfig(options: PolicyOptions, repository: RepositorySettings): Promise<Sourced<HushConfig>> {
  if (options.server) return { value: options.server.config, origin: 'server', label: options.server.label };
  if (options.configFile === undefined && repository.revision?.usesConfig) {
    const { config, revision, origin } = repository.revision;
    return { value: config, origin, label: revision ? `${CONFIG_FILE} at ${revision.slice(0, 12)}` : 'no configuration' };
  }
  const file = findConfigFile(options.configFile, repository.roots, repository.cwd);
  if (!file) return { value: {}, origin: 'built-in', label: 'built-in defaults' };
  // A file the user names outside any repository is theirs; one inside a repository is the repository's.
  const origin: Origin = options.configFile !== undefined && !enclosingRepoRoot(dirname(file)) ? 'command-line' : 'repository';
  return { value: await loadConfig(file), origin, label: options.configFile ?? file };
}

function baselineFor(options: PolicyOptions, repository: RepositorySettings): Sourced<Baseline> | undefined {
  if (options.baselineFile === false) return undefined;
  if (options.server) {
    const server = options.server.baseline;
    return server ? { value: server.baseline, origin: 'server', label: server.label } : undefined;
  }
  if (options.baselineFile !== undefined)
    return { value: loadBaseline(resolve(repository.cwd, options.baselineFile)), origin: 'command-line', label: options.baselineFile };
  // A range audit goes by the baseline of the revision it trusts, never by the tree under test.
  if (repository.revision) {
    const { baseline, revision, origin } = repository.revision;
    return baseline ? { value: baseline, origin, label: `${BASELINE_FILE} at ${revision?.slice(0, 12) ?? '(none)'}` } : undefined;
  }
  const path = join(repository.baselineRoot, BASELINE_FILE);
  return existsSync(path) ? { value: loadBaseline(path), origin: 'repository', label: BASELINE_FILE } : undefined;
}

function verifyPolicy(layers: Array<Sourced<VerifySettings>>, kind: RunKind, requested: boolean): VerifyPolicy {
  const endpoints: Record<string, Sourced<string>> = {};
  let hook: Sourced<boolean> = { value: false, origin: 'built-in', label: 'built-in defaults' };
  let timeoutMs: Sourced<number> | undefined;
  let concurrency: Sourced<number> | undefined;
  for (const layer of layers) {
    const at = <T>(value: T): Sourced<T> => ({ value, origin: layer.origin, label: layer.label });
    for (const [provider, url] of Object.entries(layer.value.endpoints ?? {})) endpoints[provider] = at(url);
    if (layer.value.hook !== undefined) hook = at(layer.value.hook);
    if (layer.value.timeoutMs !== undefined) timeoutMs = at(layer.value.timeoutMs);
    if (layer.value.concurrency !== undefined) concurrency = at(layer.value.concurrency);
  }
  const enabled = kind === 'hook' ? hook.value : requested;
  return { enabled, endpoints, hook, ...(timeoutMs ? { timeoutMs } : {}), ...(concurrency ? { concurrency } : {}) };
}

/** The line that says, once, which settings were ignored and why. */
export function ignoredSettingsNote(ignored: IgnoredSettings): string {
  return `${ignored.label} sets ${ignored.keys.join(', ')}: ignored, as a repository may not decide where its secrets are sent (set them in your user config or on the command line, or pass --trust-repo-verify)`;
}
