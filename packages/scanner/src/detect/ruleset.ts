/**
 * Rules compiled for scanning: regexes built once per process (or worker), and one keyword
 * prefilter shared by all rules so each text is searched for keywords in a single pass.
 */
import { ruleOrder, type Rule } from '@hush/rules';
import { KeywordIndex } from './prefilter/keyword-index.js';

export interface CompiledRule {
  rule: Rule;
  /** Global + indices flags: the secret group's offsets come from `match.indices`. */
  regex?: RegExp;
  path?: RegExp;
  allow: RegExp[];
  allowMatch: RegExp[];
  /** Sticky regex tested at the end of a keyword hit; a hit it rejects opens no window. */
  followedBy?: RegExp;
  /** Evidence that must be near the secret, and the partner values recorded beside it (see nearby.ts). */
  context?: RegExp;
  partners: Array<[name: string, regex: RegExp]>;
  /** Path filters: the rule runs only where `only` matches (if set) and `skip` does not. */
  only?: RegExp;
  skip?: RegExp;
  stopwords: string[];
  window: number;
  /** Order of preference when two rules find overlapping secrets (lower wins). */
  rank: number;
}

export interface Ruleset {
  rules: CompiledRule[];
  /** Case-insensitive alternation of every keyword; null when no rule has keywords. */
  prefilter: RegExp | null;
  /** Lower-cased keyword → indexes of the rules that listed it. */
  byKeyword: Map<string, number[]>;
  /** The byte-level prefilter over the same keywords; `keywordRules[i]` are the rules of its keyword i. */
  keywordIndex: KeywordIndex;
  keywordRules: number[][];
  /** Content rules without keywords: they run on every text. */
  unkeyed: number[];
  /** Rules that match on the file path alone. */
  pathRules: CompiledRule[];
}

/** By default a keyword opens only its own line (rules for multi-line secrets set a wider window). */
const DEFAULT_WINDOW = 0;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `prefixTable`: a shared 16 MB anchor table (workers pass the pool's; it is filled idempotently). */
export function compileRuleset(rules: readonly Rule[], prefixTable?: SharedArrayBuffer): Ruleset {
  // Ties in ruleOrder go to the lower id: never to a rule's position in the data files.
  const byId = [...rules].map((r) => r.id).sort();
  const idRank = new Map(byId.map((id, i) => [id, i / (byId.length + 1)]));
  const compiled: CompiledRule[] = rules.map((rule) => ({
    rule,
    regex: rule.pattern !== undefined ? new RegExp(rule.pattern, `gd${rule.flags ?? ''}`) : undefined,
    path: rule.path !== undefined ? new RegExp(rule.path, 'i') : undefined,
    allow: (rule.allow ?? []).map((source) => new RegExp(source)),
    allowMatch: (rule.allowMatch ?? []).map((source) => new RegExp(source, 'i')),
    followedBy: rule.keywordFollowedBy !== undefined ? new RegExp(rule.keywordFollowedBy, 'iy') : undefined,
    context: rule.context !== undefined ? new RegExp(rule.context, 'i') : undefined,
    partners: Object.entries(rule.partners ?? {}).map(([name, source]) => [name, new RegExp(source, 'gid')]),
    only: rule.paths !== undefined ? new RegExp(rule.paths, 'i') : undefined,
    skip: rule.skipPaths !== undefined ? new RegExp(rule.skipPaths, 'i') : undefined,
    stopwords: (rule.stopwords ?? []).map((word) => word.toLowerCase()),
    window: rule.window ?? DEFAULT_WINDOW,
    rank: ruleOrder(rule) + idRank.get(rule.id)!,
  }));
  const byKeyword = new Map<string, number[]>();
  const unkeyed: number[] = [];
  compiled.forEach((c, index) => {
    if (!c.regex) return;
    const keywords = c.rule.keywords ?? [];
    if (!keywords.length) unkeyed.push(index);
    for (const keyword of keywords) {
      const key = keyword.toLowerCase();
      const list = byKeyword.get(key) ?? [];
      list.push(index);
      byKeyword.set(key, list);
    }
  });
  // The alternation reports the longest keyword at a position, which hides the shorter keywords
  // inside it ("password=" hides "password"): a hit on a keyword wakes the rules of every keyword it contains.
  // The keywords inside each keyword are found among its substrings (linear in the keyword count, where
  // testing every pair grew with its square: 13 ms of every start-up at 517 keywords), and taken in
  // the keywords' order, as the pairwise test took them.
  const keys = [...byKeyword.keys()];
  const position = new Map(keys.map((k, i) => [k, i]));
  const byStart = new Map<string, string[]>();
  for (const k of keys) {
    const start = k.length >= 2 ? k.slice(0, 2) : '';
    byStart.set(start, [...(byStart.get(start) ?? []), k]);
  }
  for (const longer of keys) {
    const own = byKeyword.get(longer)!;
    for (const shorter of containedKeywords(longer, position, byStart)) for (const i of byKeyword.get(shorter)!) if (!own.includes(i)) own.push(i);
  }
  const alternation = keys.sort((a, b) => b.length - a.length).map(escapeRegex);
  const plainKeywords = [...byKeyword.keys()];
  // Rules of each keyword alone: the byte scan reports contained keywords as hits of their own.
  const ownRules = new Map<string, number[]>();
  compiled.forEach((c, index) => {
    if (!c.regex) return;
    for (const keyword of c.rule.keywords ?? []) ownRules.set(keyword.toLowerCase(), [...(ownRules.get(keyword.toLowerCase()) ?? []), index]);
  });
  return {
    rules: compiled,
    prefilter: alternation.length ? new RegExp(alternation.join('|'), 'gi') : null,
    byKeyword,
    keywordIndex: new KeywordIndex(plainKeywords, prefixTable),
    keywordRules: plainKeywords.map((k) => ownRules.get(k) ?? []),
    unkeyed,
    pathRules: compiled.filter((c) => c.path && !c.regex),
  };
}

/** The other keywords that occur inside `keyword`, in the order of `position` (keyword → its index). */
function containedKeywords(keyword: string, position: Map<string, number>, byStart: Map<string, string[]>): string[] {
  const found = new Set<string>();
  // Candidates by their first two characters: one lookup per position of the keyword.
  for (let start = 0; start + 2 <= keyword.length; start++)
    for (const other of byStart.get(keyword.slice(start, start + 2)) ?? []) if (other !== keyword && keyword.startsWith(other, start)) found.add(other);
  // One-character keywords (none today) are listed under ''.
  for (const other of byStart.get('') ?? []) if (other !== keyword && keyword.includes(other)) found.add(other);
  return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
}

/** Whether each rule runs on `path` (its `paths`/`skipPaths` filters), memoised for one file. */
export function pathFilter(ruleset: Ruleset, path: string): (ruleIndex: number) => boolean {
  const cache = new Map<number, boolean>();
  return (ruleIndex) => {
    let ok = cache.get(ruleIndex);
    if (ok === undefined) {
      const rule = ruleset.rules[ruleIndex];
      ok = (!rule.only || rule.only.test(path)) && !(rule.skip && rule.skip.test(path));
      cache.set(ruleIndex, ok);
    }
    return ok;
  };
}
