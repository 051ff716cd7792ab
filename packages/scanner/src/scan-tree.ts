/**
 * The working-tree scan: the files under the targets (what git lists inside a repository, a
 * .gitignore-aware walk outside one) as a source for the scan pipeline, plus what only a tree has:
 * fingerprints from the repository root and certificates linked to the keys found beside them.
 */
import { resolve } from 'node:path';
import { existsSync, realpathSync, statSync } from 'node:fs';
import type { Rule } from '@hush/rules';
import { ConfigError } from './errors.js';
import { linkCertificates, type CertificateInfo } from './detect/certificates.js';
import { enclosingRepoRoot, isInside } from './contained-files.js';
import { finishResult, streamSource, type Provenance, type Source } from './scan.js';
import { resolvePolicy, type Policy, type PolicyOptions } from './policy/policy.js';
import { expandGlobs, isGlob, iterateFiles, type FileEntry } from './sources/fs.js';
import { gitListedFiles } from './sources/git-files.js';
import type { Finding, ScanResult, SkippedFile } from './types.js';
import { fingerprintsFrom } from './detect/fingerprint.js';

export interface ScanOptions extends PolicyOptions {
  /** Files, directories or globs; default the current directory. */
  targets?: string[];
  cwd?: string;
  /** Extra roots searched for `.hush.json` (e.g. the repository root). */
  configRoots?: string[];
  jobs?: number;
  include?: string[];
  exclude?: string[];
  maxFileSize?: number;
  workers?: 'auto' | 'always' | 'never';
  /** Keep findings that inline markers or allow-lists suppressed (marked as such). */
  includeSuppressed?: boolean;
}

/** The directory finding paths are relative to: the single directory target, else the cwd. */
function scanRoot(cwd: string, targets: string[]): string {
  for (const target of targets) {
    if (!isGlob(target) && !existsSync(resolve(cwd, target))) throw new ConfigError(`no such file or directory: ${target}`);
  }
  if (targets.length === 1 && !isGlob(targets[0])) {
    const abs = resolve(cwd, targets[0]);
    // A directory that a symlink takes out of the cwd is no root of its own: the walk from the cwd
    // then notes it as a link out of the root, as it would when walking past it.
    if (statSync(abs).isDirectory() && !(isInside(cwd, abs) && !isInside(realpathSync(cwd), realpathSync(abs)))) return abs;
  }
  return cwd;
}

export async function scanPaths(options: ScanOptions = {}): Promise<ScanResult & { rules: Rule[]; policy: Policy }> {
  const started = performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const targets = options.targets?.length ? options.targets : ['.'];
  const root = scanRoot(cwd, targets);
  const repoRoot = enclosingRepoRoot(root);
  const policy = await resolvePolicy(
    { ...options, kind: options.kind ?? 'scan' },
    { cwd, roots: [root, ...(repoRoot ? [repoRoot] : []), ...(options.configRoots ?? []), cwd], baselineRoot: root },
  );
  const settings = policy.settings;
  const walkSkipped: SkippedFile[] = [];
  // Outside a repository the walk goes by .gitignore files alone: what they pass over is counted, never silent.
  const ignored = { files: 0, dirs: 0 };
  const files = iterateFiles(
    root,
    await expandGlobs(
      root,
      targets.map((t) => resolve(cwd, t)),
    ),
    {
      include: options.include,
      exclude: [...(options.exclude ?? []), ...(settings.config.allow?.paths ?? [])],
      // Inside a repository a directory holds what git tracks (a committed .env too) plus untracked files it does not ignore.
      listFiles: (dir) => (enclosingRepoRoot(dir) ? gitListedFiles(dir) : undefined),
      onIgnored: (_rel, isDir) => void (isDir ? ignored.dirs++ : ignored.files++),
    },
    walkSkipped,
  );
  const scanSkipped: Array<[index: number, skipped: SkippedFile]> = [];
  const findings: Finding[] = [];
  let bytes = 0;
  let scanned = 0;
  const found: Array<[index: number, certificates: CertificateInfo[]]> = [];
  // Outcomes are folded in as they arrive: files without findings leave nothing behind.
  await streamSource(treeSource(files), settings, ({ outcome }, index) => {
    for (const f of outcome.findings) findings.push(f);
    if (outcome.certificates) found.push([index, outcome.certificates]);
    bytes += outcome.bytes;
    if (outcome.skipped) scanSkipped.push([index, outcome.skipped]);
    else scanned++;
  });
  // In the walk's order, whatever order the workers answered in (the last certificate of a key wins).
  const skipped = [...walkSkipped, ...scanSkipped.sort((a, b) => a[0] - b[0]).map(([, s]) => s)];
  const certificates = found.sort((a, b) => a[0] - b[0]).flatMap(([, c]) => c);
  // Fingerprints name the repository-relative path, so `hush explain` finds them from any directory.
  const located = repoRoot ? fingerprintsFrom(repoRoot, root, findings) : findings;
  const result = finishResult(linkCertificates(located, certificates), {
    skipped,
    root,
    rules: settings.rules,
    scanned,
    bytes,
    started,
    includeSuppressed: options.includeSuppressed,
    warnings: ignoredWarning(ignored),
  });
  return { ...result, policy };
}

function ignoredWarning({ files, dirs }: { files: number; dirs: number }): string[] {
  if (!files && !dirs) return [];
  const counted = [files ? `${files} file${files === 1 ? '' : 's'}` : '', dirs ? `${dirs} director${dirs === 1 ? 'y' : 'ies'}` : '']
    .filter(Boolean)
    .join(' and ');
  return [`.gitignore rules passed over ${counted} (not scanned; name them as targets to scan them)`];
}

/** The files of a walk, as they are found (the scan can start before the walk ends). */
function treeSource(files: Iterable<FileEntry>): Source<Provenance> {
  function* items() {
    for (const f of files) yield { provenance: { kind: 'file' as const, path: f.rel }, work: { rel: f.rel, abs: f.abs, size: f.size } };
  }
  return { items: items(), plan: 'probe' };
}
