/**
 * A range audit is a pull-request gate, and a pull request must not judge itself: `.hush.json` and
 * `.hush-baseline.json` are read from the range's base commit, not from the tree under test. A range
 * that changes either file gets a finding of its own ("this change edits hush's configuration"); the
 * change takes effect only when the caller trusts it (--trust-config-changes), read from the head.
 */
import { createHash } from 'node:crypto';
import type { Rule } from '@hush/rules';
import { BASELINE_FILE, parseBaseline, type Baseline } from '../report/baseline.js';
import { parseConfig } from './config.js';
import { MAX_SETTINGS_FILE_BYTES } from './settings-file.js';
import { CONFIG_FILE, type HushConfig } from './config-shape.js';
import { ConfigError, GitError } from '../errors.js';
import type { RevisionFiles } from '../sources/revision-files.js';
import type { Finding } from '../types.js';

export const CONFIG_CHANGE_RULE_ID = 'hush.config-change';
export const CONFIG_CHANGE_ADVICE = 'review the change to hush’s configuration; once it is approved, rerun with --trust-config-changes to apply it';

/** How config-change findings are described in reports (it is not a detection rule). */
export const CONFIG_CHANGE_RULE: Rule = {
  id: CONFIG_CHANGE_RULE_ID,
  title: 'this change edits hush’s configuration',
  description: `The audited range changes ${CONFIG_FILE} or ${BASELINE_FILE}. The audit used the base revision's version, because a change must not decide how it is itself judged: ${CONFIG_CHANGE_ADVICE}.`,
  severity: 'high',
  examples: [],
};

/** The files through which a change could judge itself: a range (or a push) that edits them is reported. */
export const SELF_JUDGING_FILES: readonly string[] = [CONFIG_FILE, BASELINE_FILE];

export interface RangeEnds {
  /** Undefined when `A...B` has no merge base: nothing is trusted then. */
  base?: string;
  head: string;
}

/** The ends of a resolved `A..B` or `A...B` revision (commit ids), or undefined for anything else. */
export function rangeEnds(files: RevisionFiles, revision: string): RangeEnds | undefined {
  const match = /^([0-9a-f]{40,64})(\.\.\.?)([0-9a-f]{40,64})$/.exec(revision);
  if (!match) return undefined;
  if (match[2] === '..') return { base: match[1], head: match[3] };
  return { base: files.mergeBase(match[1], match[3]), head: match[3] };
}

export interface RangeConfig {
  config: HushConfig;
  /** The baseline of the trusted revision (undefined: it has none). */
  baseline?: Baseline;
  /** The revision both came from. */
  revision?: string;
  /** Which of the two files the range changes. */
  changed: string[];
}

/**
 * The config and baseline a range audit goes by, and which of them the range changes (the config only
 * when no --config names another: `readConfig` false).
 */
export async function configForRange(repo: RevisionFiles, ends: RangeEnds, trustChanges: boolean, readConfig = true): Promise<RangeConfig> {
  const files = readConfig ? SELF_JUDGING_FILES : [BASELINE_FILE];
  const changed = files.filter((path) => entryAt(repo, ends.base, path)?.oid !== entryAt(repo, ends.head, path)?.oid);
  const revision = trustChanges ? ends.head : ends.base;
  const configText = readConfig ? textAt(repo, revision, CONFIG_FILE) : undefined;
  const baselineText = textAt(repo, revision, BASELINE_FILE);
  const at = ` at ${revision?.slice(0, 12)}`;
  return {
    config: configText === undefined ? {} : await parseConfig(configText, `${CONFIG_FILE}${at}`),
    baseline: baselineText === undefined ? undefined : parseBaseline(baselineText, `${BASELINE_FILE}${at}`),
    revision,
    changed,
  };
}

/** One finding per changed file: it fails the gate until the change is trusted. */
export function configChangeFinding(path: string, ends: RangeEnds): Finding {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  return {
    ruleId: CONFIG_CHANGE_RULE_ID,
    title: CONFIG_CHANGE_RULE.title,
    severity: CONFIG_CHANGE_RULE.severity,
    path,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    rawSecret: '',
    fingerprint: hash(`${CONFIG_CHANGE_RULE_ID}\0${path}\0${ends.base ?? ''}\0${ends.head}`),
    secretHash: hash(`${CONFIG_CHANGE_RULE_ID}\0${path}\0${ends.head}`),
    validity: 'unchecked',
    lineText: '',
    inHead: true,
  };
}

/** The tree entry of a top-level file at a commit (its blob is not read). */
function entryAt(repo: RevisionFiles, commit: string | undefined, path: string) {
  return commit ? repo.entryAt(commit, path) : undefined;
}

/** A regular file's text at a commit; a symlink or anything else there is refused, never followed. */
function textAt(repo: RevisionFiles, commit: string | undefined, path: string): string | undefined {
  const entry = entryAt(repo, commit, path);
  if (!entry) return undefined;
  const label = `${path} at ${commit!.slice(0, 12)}`;
  if (entry.mode !== '100644' && entry.mode !== '100755')
    throw new ConfigError(`${label}: is not a regular file (a symlink?); hush reads its configuration only from a regular file`);
  if (entry.size > MAX_SETTINGS_FILE_BYTES)
    throw new ConfigError(`${label}: is ${entry.size} bytes, over the ${MAX_SETTINGS_FILE_BYTES}-byte limit for settings files`);
  try {
    return repo.blob(entry.oid).toString('utf8');
  } catch (error) {
    if (error instanceof GitError) throw new ConfigError(`${label}: cannot read it (the object is missing or corrupt)`);
    throw error;
  }
}
