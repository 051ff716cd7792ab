/**
 * History audit: the history source (every unique blob reachable from the chosen revisions, read
 * once) through the scan pipeline, plus what only history has: revisions checked before git sees
 * them, the configuration a range trusts, a cache under .git/ of scanned blobs per rules version,
 * findings credited to the commit that introduced them and whether HEAD still has them, submodules.
 * Every git call goes through sources/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '@hush/rules';
import { auditCacheKey, openAuditCache, restoreFindings, saveAuditCache, toStored, type StoredFinding } from './audit-cache.js';
import { placeFindings, scanUnits } from './audit-paths.js';
import { isContentOf } from './sources/blob-id.js';
import { linkCertificates, type CertificateInfo } from './detect/certificates.js';
import { ConfigError, GitError } from './errors.js';
import { compareFindings, scanSource } from './scan.js';
import { resolvePolicy, type Policy, type PolicyOptions } from './policy/policy.js';
import { tooLarge, missingObject } from './skip-records.js';
import { addUnreachableBlobs, commitCount, repoInfo, resolveCommit, treeBlobs, walkHistory, type RepoInfo } from './sources/git-history.js';
import { isPartialClone, presentObjects, readBlobs } from './sources/git-objects.js';
import { historySource, keysByBlob } from './sources/history.js';
import type { Finding, ScanResult, SkippedFile } from './types.js';
import { CONFIG_CHANGE_RULE, configChangeFinding, configForRange, rangeEnds } from './config/trusted-config.js';

export interface AuditOptions extends PolicyOptions {
  repo: string;
  /** What a relative --config or --baseline is resolved against (default: the process's cwd). */
  cwd?: string;
  /** `A..B`: only blobs introduced by those commits (a pull-request gate). */
  range?: string;
  /** Only commits after REV up to HEAD. */
  since?: string;
  /** Only this branch's history (default: all refs, tags and stash). */
  branch?: string;
  /** Also scan objects no ref reaches. */
  allObjects?: boolean;
  /** Audit checked-out submodules too (their paths prefixed with the submodule's path). */
  submodules?: boolean;
  /** Use and update the blob cache (default true). */
  cache?: boolean;
  /** In a range audit, obey a `.hush.json`/`.hush-baseline.json` the range changes (else the base's apply). */
  trustConfigChanges?: boolean;
  maxFileSize?: number;
  jobs?: number;
  workers?: 'auto' | 'always' | 'never';
  onProgress?: (progress: AuditProgress) => void;
}

export interface AuditProgress {
  done: number;
  total: number;
  bytes: number;
  findings: number;
}

type CachedFinding = Omit<Finding, 'commit' | 'inHead' | 'path' | 'fingerprint'>;

export interface AuditResult extends ScanResult {
  rules: Rule[];
  repo: RepoInfo;
  policy: Policy;
}

export async function auditRepository(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  let repo: RepoInfo;
  try {
    repo = repoInfo(options.repo);
  } catch (error) {
    throw new ConfigError(error instanceof GitError ? error.message : `not a git repository: ${options.repo}`);
  }
  const revisions = auditRevisions(repo.root, options);
  const range = revisions.length === 1 ? rangeEnds(repo.root, revisions[0]) : undefined;
  const trusted = range ? await configForRange(repo.root, range, options.trustConfigChanges === true, !options.configFile) : undefined;
  const policy = await resolvePolicy(
    { ...options, kind: options.kind ?? 'audit' },
    {
      cwd: options.cwd ?? process.cwd(),
      roots: [repo.root],
      baselineRoot: repo.root,
      ...(trusted
        ? {
            revision: {
              ...trusted,
              // A change the caller trusts (--trust-config-changes) is still the repository under test.
              origin: options.trustConfigChanges ? ('repository' as const) : ('base-revision' as const),
              usesConfig: !options.configFile,
            },
          }
        : {}),
    },
  );
  const settings = policy.settings;
  const { config, rules, maxFileSize } = settings;
  const warnings: string[] = [];
  if (repo.shallow) {
    warnings.push(
      `shallow clone: only ${commitCount(repo.root)} commit(s) are present, so older history was not audited (fetch with --unshallow for a full audit)`,
    );
  }
  const configChanges = trusted?.changed ?? [];
  for (const path of configChanges) {
    warnings.push(
      options.trustConfigChanges
        ? `this change edits hush's configuration (${path}); applied, as --trust-config-changes was given`
        : `this change edits hush's configuration (${path}); the audit went by ${trusted!.revision ? `the version at ${trusted!.revision.slice(0, 12)}` : 'no configuration'}, not the change's (--trust-config-changes applies it)`,
    );
  }
  const history = await walkHistory(repo.root, { revisions });
  if (!options.submodules) for (const path of history.submodules) warnings.push(`submodule ${path} not scanned (use --submodules, or audit it separately)`);
  const origins = new Map(history.blobs);
  if (options.allObjects) addUnreachableBlobs(repo.root, origins);
  const head = repo.head ? treeBlobs(repo.root) : new Map<string, string[]>();
  // Usually one unit per blob; more where path-dependent rules treat its paths differently.
  // Paths the config allow-lists are not audited, as they are not scanned in the tree.
  const units = scanUnits(origins, head, rules, settings.allowedPath);

  // Sizes first, so oversized blobs are noted and never read.
  // Only objects present here: a partial clone's missing blobs are noted, never fetched.
  const sizes = presentObjects(repo.root, [...origins.keys()]);
  const skipped: SkippedFile[] = [];
  const cachePath = join(repo.gitDir, 'hush', 'audit-cache.json');
  const cache = openAuditCache(cachePath, auditCacheKey(config, maxFileSize), options.cache !== false);
  const byBlob = new Map<string, CachedFinding[]>();
  const toRead: string[] = [];
  const toRestore = new Map<string, StoredFinding[]>();
  let fromCache = 0;
  let notPresent = 0;
  for (const [key, origin] of units) {
    const oid = origin.oid;
    const info = sizes.get(oid);
    if (!info) {
      skipped.push(missingObject(origin.commit.path, oid));
      notPresent++;
      continue;
    }
    if (info.size > maxFileSize) {
      skipped.push(tooLarge(origin.commit.path, info.size, maxFileSize, oid));
      continue;
    }
    const cached = cache.blobs[key];
    if (cached?.length) toRestore.set(key, cached);
    else if (cached) {
      byBlob.set(key, []);
      fromCache++;
      if (cache.binary?.[key]) skipped.push({ path: origin.commit.path, reason: 'binary' });
    } else toRead.push(key);
  }
  // Cached blobs with findings are read again (not scanned) to restore secrets and snippets.
  const restoring = keysByBlob(units, toRestore.keys());
  for await (const blob of readBlobs(repo.root, [...restoring.keys()])) {
    for (const key of restoring.get(blob.oid) ?? []) {
      const restored = 'missing' in blob || !isContentOf(blob.oid, blob.content) ? undefined : restoreFindings(blob.content, toRestore.get(key)!);
      if (restored) {
        byBlob.set(key, restored);
        fromCache++;
      } else toRead.push(key);
    }
  }

  if (notPresent && isPartialClone(repo.root)) {
    warnings.push(`partial clone: ${notPresent} blob(s) are not present locally and were not scanned (hush never fetches; audit a full clone to cover them)`);
  }
  const totalBytes = toRead.reduce((sum, key) => sum + (sizes.get(units.get(key)!.oid)?.size ?? 0), 0);
  let bytes = 0;
  let done = 0;
  let found = 0;
  const certificates: CertificateInfo[] = [];
  // One reader streams blobs in; the pool scans them on all cores; queued bytes are bounded.
  await scanSource(historySource(repo.root, units, toRead, { items: toRead.length, bytes: totalBytes }), settings, ({ provenance: { key }, outcome }) => {
    done++;
    bytes += outcome.bytes;
    if (outcome.skipped) skipped.push(outcome.skipped);
    if (outcome.certificates) certificates.push(...outcome.certificates);
    const findings = outcome.findings.map((f) => toCached(f));
    byBlob.set(key, findings);
    // Only content that hashes to its id is cached under that id, so the cache can never hold
    // another object's result (whatever git was made to substitute); the worker checks it. A file
    // cut short by the time limit is not cached, so a later audit tries it again.
    if (outcome.skipped?.reason !== 'timeout' && outcome.contentMatches === true) {
      cache.blobs[key] = findings.map(toStored);
      // Remembered, so a cached audit still says which blobs were not scanned as text.
      if (outcome.skipped?.reason === 'binary') (cache.binary ??= {})[key] = true;
    }
    found += findings.length;
    options.onProgress?.({ done, total: toRead.length, bytes, findings: found });
  });
  if (options.cache !== false) saveAuditCache(cachePath, cache);

  let findings = linkCertificates(placeFindings(byBlob, units, head, options.includeSuppressed === true).sort(compareFindings), certificates);
  let nested = { blobs: 0, cached: 0, bytes: 0, commits: 0 };
  if (options.submodules) {
    const inner = await auditSubmodules(repo, history.submodules, options, warnings, skipped);
    findings = [...findings, ...inner.findings].sort(compareFindings);
    nested = inner.stats;
  }
  if (range && !options.trustConfigChanges && configChanges.length)
    findings = [...findings, ...configChanges.map((path) => configChangeFinding(path, range))].sort(compareFindings);
  return {
    findings,
    skipped,
    root: repo.root,
    rules: configChanges.length && !options.trustConfigChanges ? [...rules, CONFIG_CHANGE_RULE] : rules,
    repo,
    policy,
    warnings,
    stats: {
      filesScanned: toRead.length + nested.blobs,
      bytesScanned: bytes + nested.bytes,
      filesSkipped: skipped.length,
      findings: findings.length,
      rulesRun: rules.length,
      durationMs: Math.round(performance.now() - started),
      blobsScanned: toRead.length + nested.blobs,
      blobsCached: fromCache + nested.cached,
      commitsScanned: history.commits + nested.commits,
    },
  };
}

/** A finding as found in a blob, before it is placed at a path and commit. */
function toCached(f: Finding): CachedFinding {
  const { commit: _c, inHead: _i, path: _p, fingerprint: _f, ...rest } = f;
  return rest;
}

/**
 * The revisions to walk, every user-supplied one resolved to a commit id first, so git only ever
 * sees ids: a value such as `--output=FILE` is a usage error, never an option.
 */
function auditRevisions(repo: string, options: AuditOptions): string[] {
  const commit = (flag: string, rev: string): string => {
    if (rev.startsWith('-')) throw new ConfigError(`${flag}: not a revision (starts with "-"): ${rev}`);
    const sha = resolveCommit(repo, rev);
    if (!sha) throw new ConfigError(`${flag}: unknown revision: ${rev}`);
    return sha;
  };
  if (options.range !== undefined) {
    const range = /^(.*?)(\.\.\.?)(.*)$/s.exec(options.range);
    if (!range) return [commit('--range', options.range)];
    return [`${commit('--range', range[1] || 'HEAD')}${range[2]}${commit('--range', range[3] || 'HEAD')}`];
  }
  if (options.since !== undefined) return [`${commit('--since', options.since)}..${commit('--since', 'HEAD')}`];
  if (options.branch !== undefined) return [commit('--branch', options.branch)];
  return ['--all'];
}

/** Audits each checked-out submodule as a repository of its own; paths get the submodule's prefix. */
async function auditSubmodules(repo: RepoInfo, paths: string[], options: AuditOptions, warnings: string[], skipped: SkippedFile[]) {
  const findings: Finding[] = [];
  const stats = { blobs: 0, cached: 0, bytes: 0, commits: 0 };
  for (const path of paths) {
    const dir = join(repo.root, path);
    if (repo.bare || !existsSync(join(dir, '.git'))) {
      warnings.push(`submodule ${path} is not checked out (git submodule update --init), so it was not scanned`);
      continue;
    }
    const inner = await auditRepository({
      ...options,
      repo: dir,
      range: undefined,
      since: undefined,
      branch: undefined,
      baselineFile: false,
      onProgress: undefined,
    });
    for (const f of inner.findings)
      findings.push({ ...f, path: `${path}/${f.path}`, ...(f.commit ? { commit: { ...f.commit, path: `${path}/${f.commit.path}` } } : {}) });
    for (const s of inner.skipped) skipped.push({ ...s, path: `${path}/${s.path}` });
    warnings.push(...inner.warnings.map((w) => `${path}: ${w}`));
    stats.blobs += inner.stats.blobsScanned ?? 0;
    stats.cached += inner.stats.blobsCached ?? 0;
    stats.bytes += inner.stats.bytesScanned;
    stats.commits += inner.stats.commitsScanned ?? 0;
  }
  return { findings, stats };
}
