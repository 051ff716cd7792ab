/**
 * Rules compiled for scanning: each rule's regexes built once per process (or worker), when first
 * used, and one keyword prefilter shared by all rules so each text is searched for keywords in a
 * single pass.
 */
import { ruleOrder, type Rule } from '@hush/rules';
import { CERTIFICATE_MARKS } from './certificates.js';
import { KeywordIndex } from './prefilter/keyword-index.js';

/**
 * A rule ready to run. Its regexes are built on first use: a pre-commit hook's few files wake a handful
 * of the 800+ rules, and building them all would cost every commit most of hush's start-up.
 */
export class CompiledRule {
  /** Order of preference when two rules find overlapping secrets (lower wins): kind, severity, precedence. */
  readonly order: number;
  /** `order` with ties broken by rule id (a fraction below 1), so no two rules rank alike. */
  readonly rank: number;
  readonly stopwords: string[];
  readonly window: number;
  /** Whether `paths` or `skipPaths` limit where the rule runs (most rules run everywhere). */
  readonly pathLimited: boolean;
  #regex?: RegExp | null;
  #path?: RegExp | null;
  #allow?: RegExp[];
  #allowMatch?: RegExp[];
  #followedBy?: RegExp | null;
  #context?: RegExp | null;
  #partners?: Array<[name: string, regex: RegExp]>;
  #only?: RegExp | null;
  #skip?: RegExp | null;

  constructor(
    readonly rule: Rule,
    /** Where the rule's id falls among the ruleset's ids, as a fraction of 1. */
    idFraction: number,
    /** Path regexes by source, shared by the ruleset's rules: many rules skip the same classes of paths. */
    private readonly pathRegexes: Map<string, RegExp> = new Map(),
  ) {
    this.order = ruleOrder(rule);
    this.rank = this.order + idFraction;
    this.stopwords = (rule.stopwords ?? []).map((word) => word.toLowerCase());
    this.window = rule.window ?? DEFAULT_WINDOW;
    this.pathLimited = rule.paths !== undefined || rule.skipPaths !== undefined;
  }

  private pathRegex(source: string): RegExp {
    let regex = this.pathRegexes.get(source);
    if (!regex) this.pathRegexes.set(source, (regex = new RegExp(source, 'i')));
    return regex;
  }

  /** Global + indices flags: the secret group's offsets come from `match.indices`. */
  get regex(): RegExp | undefined {
    if (this.#regex === undefined) this.#regex = this.rule.pattern !== undefined ? new RegExp(this.rule.pattern, `gd${this.rule.flags ?? ''}`) : null;
    return this.#regex ?? undefined;
  }
  get path(): RegExp | undefined {
    if (this.#path === undefined) this.#path = this.rule.path !== undefined ? new RegExp(this.rule.path, 'i') : null;
    return this.#path ?? undefined;
  }
  get allow(): RegExp[] {
    return (this.#allow ??= (this.rule.allow ?? []).map((source) => new RegExp(source)));
  }
  get allowMatch(): RegExp[] {
    return (this.#allowMatch ??= (this.rule.allowMatch ?? []).map((source) => new RegExp(source, 'i')));
  }
  /** Sticky regex tested at the end of a keyword hit; a hit it rejects opens no window. */
  get followedBy(): RegExp | undefined {
    if (this.#followedBy === undefined) this.#followedBy = this.rule.keywordFollowedBy !== undefined ? new RegExp(this.rule.keywordFollowedBy, 'iy') : null;
    return this.#followedBy ?? undefined;
  }
  /** Evidence that must be near the secret (see nearby.ts). */
  get context(): RegExp | undefined {
    if (this.#context === undefined) this.#context = this.rule.context !== undefined ? new RegExp(this.rule.context, 'i') : null;
    return this.#context ?? undefined;
  }
  /** The partner values recorded beside the secret (see nearby.ts). */
  get partners(): Array<[name: string, regex: RegExp]> {
    return (this.#partners ??= Object.entries(this.rule.partners ?? {}).map(([name, source]) => [name, new RegExp(source, 'gid')]));
  }
  /** Path filters: the rule runs only where `only` matches (if set) and `skip` does not. */
  get only(): RegExp | undefined {
    if (this.#only === undefined) this.#only = this.rule.paths !== undefined ? this.pathRegex(this.rule.paths) : null;
    return this.#only ?? undefined;
  }
  get skip(): RegExp | undefined {
    if (this.#skip === undefined) this.#skip = this.rule.skipPaths !== undefined ? this.pathRegex(this.rule.skipPaths) : null;
    return this.#skip ?? undefined;
  }
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
  /** Keywords of `keywordIndex` that mark a certificate (they wake no rule; see certificates.ts). */
  certificateKeywords: ReadonlySet<number>;
}

/** By default a keyword opens only its own line (rules for multi-line secrets set a wider window). */
const DEFAULT_WINDOW = 0;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `prefixTable`: a shared 2 MB anchor table (workers pass the pool's; it is filled idempotently). */
export function compileRuleset(rules: readonly Rule[], prefixTable?: SharedArrayBuffer): Ruleset {
  // Ties in ruleOrder go to the lower id: never to a rule's position in the data files.
  const byId = [...rules].map((r) => r.id).sort();
  const idRank = new Map(byId.map((id, i) => [id, i / (byId.length + 1)]));
  const pathRegexes = new Map<string, RegExp>();
  const compiled = rules.map((rule) => new CompiledRule(rule, idRank.get(rule.id)!, pathRegexes));
  const byKeyword = new Map<string, number[]>();
  const unkeyed: number[] = [];
  compiled.forEach((c, index) => {
    if (c.rule.pattern === undefined) return;
    const keywords = c.rule.keywords ?? [];
    if (!keywords.length) unkeyed.push(index);
    for (const keyword of keywords) {
      const key = keyword.toLowerCase();
      const list = byKeyword.get(key) ?? [];
      list.push(index);
      byKeyword.set(key, list);
    }
  });
  const plainKeywords = [...byKeyword.keys()];
  // The certificate marks ride along in the same pass; a rule keyword that equals one keeps its rules.
  const certificateKeywords = new Set<number>();
  for (const mark of CERTIFICATE_MARKS.map((m) => m.toLowerCase())) {
    const at = plainKeywords.indexOf(mark);
    certificateKeywords.add(at >= 0 ? at : plainKeywords.push(mark) - 1);
  }
  // The regex prefilter serves only text whose offsets differ from its bytes (non-ASCII, UTF-16): built
  // when such a text first comes, so a hook's few ASCII files never pay for it.
  let regexPrefilter: RegexPrefilter | undefined;
  const regexPath = () => (regexPrefilter ??= buildRegexPrefilter(byKeyword));
  return {
    rules: compiled,
    get prefilter() {
      return regexPath().prefilter;
    },
    get byKeyword() {
      return regexPath().byKeyword;
    },
    keywordIndex: new KeywordIndex(plainKeywords, prefixTable),
    // Rules of each keyword alone: the byte scan reports contained keywords as hits of their own.
    keywordRules: plainKeywords.map((k) => byKeyword.get(k) ?? []),
    unkeyed,
    pathRules: compiled.filter((c) => c.rule.path !== undefined && c.rule.pattern === undefined),
    certificateKeywords,
  };
}

interface RegexPrefilter {
  prefilter: RegExp | null;
  byKeyword: Map<string, number[]>;
}

/**
 * The case-insensitive alternation of every keyword, and each keyword's rules. The alternation reports
 * the longest keyword at a position, which hides the shorter keywords inside it ("password=" hides
 * "password"): a hit on a keyword wakes the rules of every keyword it contains. The keywords inside each
 * keyword are found among its substrings (linear in the keyword count, where testing every pair grew with
 * its square), and taken in the keywords' order, as the pairwise test took them.
 */
function buildRegexPrefilter(own: ReadonlyMap<string, number[]>): RegexPrefilter {
  const byKeyword = new Map([...own].map(([keyword, rules]) => [keyword, [...rules]]));
  const keys = [...byKeyword.keys()];
  const position = new Map(keys.map((k, i) => [k, i]));
  const byStart = new Map<string, string[]>();
  for (const k of keys) {
    const start = k.length >= 2 ? k.slice(0, 2) : '';
    byStart.set(start, [...(byStart.get(start) ?? []), k]);
  }
  for (const longer of keys) {
    const rules = byKeyword.get(longer)!;
    for (const shorter of containedKeywords(longer, position, byStart)) for (const i of own.get(shorter)!) if (!rules.includes(i)) rules.push(i);
  }
  const alternation = keys.sort((a, b) => b.length - a.length).map(escapeRegex);
  return { prefilter: alternation.length ? new RegExp(alternation.join('|'), 'gi') : null, byKeyword };
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

/** The filter of the file a ruleset is on: the hit gate and the engine ask for the same file in turn. */
const currentFilter = new WeakMap<Ruleset, { path: string; appliesTo: (ruleIndex: number) => boolean }>();

/** Whether each rule runs on `path` (its `paths`/`skipPaths` filters), each distinct regex tested once per file. */
export function pathFilter(ruleset: Ruleset, path: string): (ruleIndex: number) => boolean {
  const current = currentFilter.get(ruleset);
  if (current?.path === path) return current.appliesTo;
  const appliesTo = newPathFilter(ruleset, path);
  currentFilter.set(ruleset, { path, appliesTo });
  return appliesTo;
}

function newPathFilter(ruleset: Ruleset, path: string): (ruleIndex: number) => boolean {
  const results = new Map<RegExp, boolean>();
  const matches = (regex: RegExp) => {
    let result = results.get(regex);
    if (result === undefined) results.set(regex, (result = regex.test(path)));
    return result;
  };
  return (ruleIndex) => {
    const rule = ruleset.rules[ruleIndex];
    if (!rule.pathLimited) return true;
    const { only, skip } = rule;
    return (!only || matches(only)) && !(skip && matches(skip));
  };
}
