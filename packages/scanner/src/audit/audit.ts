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
import { auditCacheKey, openAuditCache, toStored } from './audit-cache.js';
import { placeFindings, scanUnits } from './audit-paths.js';
import { selectBlobs, type BlobSelection } from './blob-selection.js';
import { auditRevisions } from './revisions.js';
import { linkCertificates, type CertificateInfo } from '../detect/certificates.js';
import { ConfigError, GitError } from '../errors.js';
import { compareFindings, startPool, streamSource } from '../scan/pipeline.js';
import { resolvePolicy, type Policy, type PolicyOptions } from '../policy/policy.js';
import { auditJobs } from '../policy/scan-settings.js';
import { addUnreachableBlobs, commitCount, repoInfo, treeBlobs, treeListing, walkHistory, type RepoInfo } from '../sources/git-history.js';
import { isPartialClone, presentObjects } from '../sources/git-objects.js';
import { historySource } from '../sources/history.js';
import { gitRevisionFiles } from '../sources/revision-files.js';
import { withoutRangeAddedMarkers } from './range-markers.js';
import { isIncomplete } from '../detect/skip-records.js';
import type { BlobFinding, Finding, ScanResult, SkippedFile } from '../types.js';
import { CONFIG_CHANGE_RULE, configChangeFinding, configForRange, rangeEnds } from '../config/trusted-config.js';

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

export interface AuditResult extends ScanResult {
  rules: Rule[];
  repo: RepoInfo;
  policy: Policy;
}

/** Enough unscanned units to start the pool before their sizes are known (as PROBE_ITEMS in scan/pipeline.ts). */
const EARLY_POOL_ITEMS = 64;

export async function auditRepository(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  let repo: RepoInfo;
  try {
    repo = repoInfo(options.repo);
  } catch (error) {
    throw new ConfigError(error instanceof GitError ? error.message : `not a git repository: ${options.repo}`);
  }
  const revisions = auditRevisions(repo.root, options);
  const revisionFiles = gitRevisionFiles(repo.root);
  const range = revisions.length === 1 ? rangeEnds(revisionFiles, revisions[0]) : undefined;
  const trusted = range ? await configForRange(revisionFiles, range, options.trustConfigChanges === true, !options.configFile) : undefined;
  const policy = await resolvePolicy(
    { ...options, jobs: options.jobs ?? auditJobs(), kind: options.kind ?? 'audit' },
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
  // The walk and HEAD's tree are read side by side (two git processes), the cache meanwhile.
  const cache = openAuditCache(join(repo.gitDir, 'hush', 'audit-cache.json'), auditCacheKey(config, maxFileSize), options.cache !== false);
  const [history, listing] = await Promise.all([walkHistory(repo.root, { revisions }), repo.head ? treeListing(repo.root) : undefined]);
  const head = listing ? treeBlobs(listing, history.blobs) : new Map<string, string[]>();
  if (!options.submodules) for (const path of history.submodules) warnings.push(`submodule ${path} not scanned (use --submodules, or audit it separately)`);
  const origins = history.blobs;
  if (options.allObjects) addUnreachableBlobs(repo.root, origins);
  // Usually one unit per blob; more where path-dependent rules treat its paths differently.
  // Paths the config allow-lists are not audited, as they are not scanned in the tree.
  const units = scanUnits(origins, head, rules, settings.allowedPath);
  // Sizes first, so oversized blobs are noted and never read. The workers start meanwhile, when
  // what the cache does not answer is enough work for them.
  const sizing = presentObjects(repo.root, [...origins.keys()]);
  let uncached = 0;
  for (const key of units.keys()) if (!cache.get(key)) uncached++;
  // (Fewer items wait for their sizes: a few large blobs may still call for workers.)
  const pool = uncached >= EARLY_POOL_ITEMS ? startPool(settings, { items: uncached, bytes: 0 }) : undefined;
  const certificates: CertificateInfo[] = [];
  let selection: BlobSelection;
  let bytes = 0;
  try {
    selection = await selectBlobs(repo.root, units, await sizing, cache, maxFileSize);
    if (selection.notPresent && isPartialClone(repo.root)) {
      warnings.push(
        `partial clone: ${selection.notPresent} blob(s) are not present locally and were not scanned (hush never fetches; audit a full clone to cover them)`,
      );
    }
    const { toRead, byBlob, skipped } = selection;
    let done = 0;
    let found = 0;
    // One reader streams blobs in as cat-file yields them; the pool scans them on all cores; queued
    // bytes are bounded; each outcome is folded in (and appended to the cache) as it comes back.
    await streamSource(
      historySource(repo.root, units, toRead, { items: toRead.length, bytes: selection.bytes }, options.cache !== false, pool?.scansOnThisThread === true),
      settings,
      ({ provenance: { key }, outcome }) => {
        done++;
        bytes += outcome.bytes;
        if (outcome.skipped) skipped.push(outcome.skipped);
        if (outcome.certificates) certificates.push(...outcome.certificates);
        const findings = outcome.findings.map((f) => toCached(f));
        // Only units with findings are kept until placement: a wide history holds no entry per clean blob.
        if (findings.length) byBlob.set(key, findings);
        // Only content that hashes to its id is cached under that id, so the cache can never hold
        // another object's result (whatever git was made to substitute); the worker checks it. A file
        // cut short by the time limit is not cached, so a later audit tries it again.
        if (!(outcome.skipped && isIncomplete(outcome.skipped)) && outcome.contentMatches === true)
          // Binary blobs are remembered, so a cached audit still says which were not scanned as text.
          cache.record(key, findings.map(toStored), outcome.skipped?.reason === 'binary');
        found += findings.length;
        options.onProgress?.({ done, total: toRead.length, bytes, findings: found });
      },
      pool,
    );
  } finally {
    await pool?.close();
    cache.close();
  }
  const { toRead, byBlob, skipped } = selection;

  // A range's own inline markers are judged before suppressed findings are dropped (range-markers.ts).
  let findings = linkCertificates(
    placeFindings(byBlob, units, head, options.includeSuppressed === true || range !== undefined).sort(compareFindings),
    certificates,
  );
  if (range) {
    const judged = withoutRangeAddedMarkers(repo.root, range.base, options.range ?? 'the range', findings);
    warnings.push(...judged.warnings);
    findings = options.includeSuppressed ? judged.findings : judged.findings.filter((f) => !f.suppression);
  }
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
      blobsCached: selection.fromCache + nested.cached,
      commitsScanned: history.commits + nested.commits,
    },
  };
}

/** A finding as found in a blob, before it is placed at a path and commit. */
function toCached(f: Finding): BlobFinding {
  const { commit: _c, inHead: _i, path: _p, fingerprint: _f, ...rest } = f;
  return rest;
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
