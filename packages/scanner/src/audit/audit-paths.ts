/**
 * Where an audited secret is reported. A blob can sit at many paths (copied, renamed, in HEAD and in
 * history); rules that depend on the path (`paths`, `skipPaths`, path rules) and `allow.paths` must
 * see each of them. Paths that every such rule treats alike form one class, and a blob is scanned
 * once per class (its bytes read once): `settings.example.py` (skipped by a rule) and its copy
 * `settings.py` are two classes, so the copy's secret is found.
 *
 * A secret still in HEAD is reported at each HEAD path and line holding it (with the fingerprint a
 * scan of the work tree gives that place), credited to the commit and path that introduced it; one
 * that HEAD no longer holds is reported once, where it was introduced, as history.
 */
import { createHash } from 'node:crypto';
import type { Rule } from '@hush/rules';
import { historyFingerprint, locationFingerprint } from '../detect/fingerprint.js';
import type { BlobOrigin, BlobPath } from '../sources/git-history.js';
import { PATH_DEPENDENT } from '../detect/validators/index.js';
import type { BlobFinding, Finding } from '../types.js';

/** What the audit scans: one blob under one class of paths. `commit.path` is the path it is scanned as. */
export type ScanUnit = BlobOrigin;

/** A key per path telling apart the paths on which the path-dependent rules act differently. */
function pathClassifier(rules: readonly Rule[]): (path: string) => string {
  const tests: Array<(path: string) => boolean> = [];
  for (const rule of rules) {
    if (rule.paths !== undefined || rule.skipPaths !== undefined) {
      const only = rule.paths !== undefined ? new RegExp(rule.paths, 'i') : undefined;
      const skip = rule.skipPaths !== undefined ? new RegExp(rule.skipPaths, 'i') : undefined;
      tests.push((path) => (!only || only.test(path)) && !(skip && skip.test(path)));
    }
    if (rule.path !== undefined) {
      const re = new RegExp(rule.path, 'i');
      tests.push((path) => re.test(path));
      // A verdict that reads the path (test-fixture bundles grade lower) tells its paths apart too.
      const graded = rule.validator && PATH_DEPENDENT[rule.validator];
      if (graded) tests.push((path) => graded.test(path));
    }
  }
  return (path) => tests.map((test) => (test(path) ? '1' : '0')).join('');
}

/**
 * The scan units of the audited blobs. HEAD's paths of a blob join its history paths (a branch audit
 * may not have walked them); allow-listed paths are left out, and a blob left with none is not scanned.
 */
export function scanUnits(
  origins: Map<string, BlobOrigin>,
  head: Map<string, string[]>,
  rules: readonly Rule[],
  allowedPath?: (path: string) => boolean,
): Map<string, ScanUnit> {
  const classOf = pathClassifier(rules);
  const units = new Map<string, ScanUnit>();
  for (const [oid, origin] of origins) {
    let paths = origin.paths;
    const inHead = head.get(oid);
    if (inHead && !(inHead.length === 1 && paths.length === 1 && inHead[0] === paths[0].path)) {
      // An empty file can sit at thousands of paths: compare through a set.
      const known = new Set(paths.map((p) => p.path));
      paths = [...paths];
      for (const path of inHead) if (!known.has(path)) paths.push({ path, commit: { ...origin.commit, path }, order: Number.MAX_SAFE_INTEGER });
    }
    const kept = allowedPath ? paths.filter((p) => !allowedPath(p.path)) : paths;
    if (!kept.length) continue;
    if (kept.length === 1) {
      // Most blobs sit at one path: the walk's record becomes the unit as it is (no copy per blob).
      if (kept[0] === origin.paths[0] && origin.paths.length === 1) units.set(oid, origin);
      else units.set(oid, { ...origin, commit: kept[0].commit, order: kept[0].order, paths: kept, key: oid });
      continue;
    }
    const byClass = new Map<string, BlobPath[]>();
    for (const p of kept) {
      const key = classOf(p.path);
      const members = byClass.get(key);
      if (members) members.push(p);
      else byClass.set(key, [p]);
    }
    let first = true;
    for (const [cls, members] of byClass) {
      const key = first ? oid : `${oid}:${createHash('sha256').update(cls).digest('hex').slice(0, 16)}`;
      units.set(key, { oid, commit: members[0].commit, order: members[0].order, paths: members, key });
      first = false;
    }
  }
  return units;
}

/**
 * Findings placed at paths. Per (rule, secret): every HEAD path and line holding it, each credited
 * to the earliest commit and path that introduced the secret; when HEAD holds it nowhere, one
 * history finding at that introduction.
 */
export function placeFindings(
  byUnit: Map<string, BlobFinding[]>,
  units: Map<string, ScanUnit>,
  head: Map<string, string[]>,
  includeSuppressed: boolean,
): Finding[] {
  const headPaths = (oid: string) => new Set(head.get(oid) ?? []);
  const noFindings = (found: BlobFinding[]) => found.every((f) => f.suppression && !includeSuppressed);
  interface Secret {
    introduced: { finding: BlobFinding; at: BlobPath };
    /** HEAD path → the secret's findings there, one per line (and column) it sits at. */
    inHead: Map<string, BlobFinding[]>;
  }
  const secrets = new Map<string, Secret>();
  for (const [key, found] of byUnit) {
    const unit = units.get(key);
    if (!unit || noFindings(found)) continue;
    const inTree = headPaths(unit.oid);
    for (const f of found) {
      if (f.suppression && !includeSuppressed) continue;
      const id = `${f.ruleId}\0${f.secretHash}`;
      let secret = secrets.get(id);
      for (const at of unit.paths) {
        if (!secret) secrets.set(id, (secret = { introduced: { finding: f, at }, inHead: new Map() }));
        else if (at.order < secret.introduced.at.order) secret.introduced = { finding: f, at };
        if (!inTree.has(at.path)) continue;
        // A HEAD path is one blob, hence one unit: each of its findings is a distinct place.
        const there = secret.inHead.get(at.path);
        if (there) there.push(f);
        else secret.inHead.set(at.path, [f]);
      }
    }
  }
  const placed: Finding[] = [];
  for (const { introduced, inHead } of secrets.values()) {
    const commit = introduced.at.commit;
    const locations: Array<[string, BlobFinding]> = inHead.size
      ? [...inHead].flatMap(([path, found]) => found.map((f): [string, BlobFinding] => [path, f]))
      : [[introduced.at.path, introduced.finding]];
    for (const [path, f] of locations) {
      // In HEAD: the place a scan of the work tree names, so both commands agree on it.
      const fingerprint = inHead.size
        ? locationFingerprint(path, f.ruleId, f.line, f.column)
        : historyFingerprint(commit.sha, path, f.ruleId, f.line, f.column);
      // A path rule's "secret" names the file: name the path it is reported at.
      const rawSecret = f.rawSecret.startsWith('file:') ? `file:${path}` : f.rawSecret;
      placed.push({ ...f, rawSecret, path, fingerprint, commit, inHead: inHead.size > 0 });
    }
  }
  return placed;
}
