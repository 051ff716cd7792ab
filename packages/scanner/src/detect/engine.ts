/**
 * Detection on one text: keyword prefilter → candidate rules on windows around their keyword hits →
 * placeholder, allow-list, entropy and validator gates → findings with positions and fingerprints.
 */
import { CONTEXT_GROUPS } from '@hush/rules';
import { shannonEntropy } from './entropy.js';
import { locationFingerprint, secretFingerprint } from './fingerprint.js';
import { redactedLineHashes } from './line-hash.js';
import { LineIndex } from './location.js';
import { AsciiText, type TextLike } from './text.js';
import { describeApps } from './app-credential.js';
import { Surroundings } from './nearby.js';
import { isPlaceholder } from './placeholders.js';
import { notATokenReason } from './not-a-token.js';
import { PURGE_MARKER } from './purge-marker.js';
import { pathFilter, type CompiledRule, type Ruleset } from './ruleset.js';
import { reportFields } from './report-fields.js';
import type { Finding } from '../types.js';
import { JUDGES_TEMPLATES, validators } from './validators/index.js';

/** Characters after a keyword that a `keywordFollowedBy` gate may look at (gates describe the next few tokens). */
export const GATE_LOOKAHEAD = 200;

/**
 * How far a window may grow to reach whole lines (bounded for minified one-line files). Where that
 * bound falls inside a token, the window grows on to the token's end (see `TokenBounds`).
 */
const LINE_EXTENSION = 1024;

/**
 * Longest run of merged keyword windows one regex call sees. Dense hits on a huge line no longer
 * merge into one window the size of the line: each hit's own window stays whole (a new window starts
 * where merging would pass this), so what a regex costs per call is bounded whatever the rule, and
 * the time limit is looked at between calls.
 */
const MAX_MERGED_WINDOW = 16 * 1024;

export interface DetectOptions {
  /** Extra regexes on the secret from the config's allow-list. */
  allowSecrets?: RegExp[];
  /** Extra case-insensitive stopwords from the config. */
  stopwords?: string[];
  /** Called before each rule runs (index into the ruleset), so a watchdog can name a runaway rule. */
  onRule?: (ruleIndex: number) => void;
  /**
   * A time limit checked between windows and every few matches: past `deadline` (performance.now()),
   * detection stops, keeps what it found and names the rule it was on in `stoppedIn`. In workers and
   * in-process alike (the workers' watchdog stops what this cannot: one runaway regex match).
   */
  stop?: { deadline: number; stoppedIn?: string };
  /**
   * Whether findings carry `lineHash` (SARIF's `primaryLocationLineHash`; default true). The hook's
   * message shows none, and there the hash's walk to the finding's line runs before the JIT: 5 ms of
   * a blocked commit's ~100 (docs/performance.md, eleventh round).
   */
  lineHashes?: boolean;
}

/** Matches between two looks at the clock. */
const MATCHES_PER_CLOCK_CHECK = 256;

interface Candidate {
  rule: CompiledRule;
  start: number;
  end: number;
  secret: string;
  validity: Finding['validity'];
  severity: Finding['severity'];
  details?: Finding['details'];
  /** Set when the config's allow-list accepted this secret. */
  suppressed?: string;
  /** A checksum proved it no credential: shown (suppressed) only where no other finding overlaps. */
  rejected?: boolean;
  partnerValues?: Record<string, string>;
  /** Characters between the secret and the nearest evidence its rule's `context` needed (none: 0). */
  contextDistance: number;
}

/**
 * Finds secrets in `text`. `path` is the `/`-separated path reported in findings. `byteHits` are
 * keyword hits from the byte prefilter as flat (offset, keyword) pairs, valid as text offsets when
 * the text is ASCII; without them the keyword regex finds the hits.
 */
export function detect(text: TextLike, path: string, ruleset: Ruleset, options: DetectOptions = {}, byteHits?: number[]): Finding[] {
  const windows = byteHits ? windowsFromHits(text, ruleset, path, byteHits) : candidateWindows(text.slice(), ruleset, path);
  if (!windows.size) return [];
  const candidates: Candidate[] = [];
  const surroundings = new Surroundings(text);
  const stop = options.stop;
  // In text order across rules, so a scan stopped by the time limit has scanned everything before
  // where it stopped, whatever the rule (and always at least one window).
  const order: Array<[from: number, to: number, ruleIndex: number]> = [];
  for (const [ruleIndex, ranges] of windows) for (const [from, to] of ranges) order.push([from, to, ruleIndex]);
  if (windows.size > 1) order.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
  for (let i = 0; i < order.length; i++) {
    const [from, to, ruleIndex] = order[i];
    const rule = ruleset.rules[ruleIndex];
    options.onRule?.(ruleIndex);
    const finished = (!stop || i === 0 || performance.now() <= stop.deadline) && collectMatches(text, from, to, rule, options, surroundings, candidates);
    if (!finished) {
      stop!.stoppedIn = rule.rule.id;
      break;
    }
  }
  const kept = preferSpecific(candidates);
  return describeApps(
    text,
    toFindings(text, path, kept, options.lineHashes !== false),
    kept.map((c) => ({ provider: c.rule.rule.provider, offset: c.start })),
  );
}

/** Rules that match on the file path alone (PKCS#12 files), given the file's raw bytes. */
export function detectByPath(path: string, content: Uint8Array, ruleset: Ruleset): Finding[] {
  const findings: Finding[] = [];
  for (const rule of ruleset.pathRules) {
    if (!rule.path!.test(path)) continue;
    const verdict = rule.rule.validator ? validators[rule.rule.validator]('', content, path) : { validity: 'unchecked' as const };
    if (verdict.drop) continue;
    const secret = `file:${path}`;
    findings.push({
      ruleId: rule.rule.id,
      title: rule.rule.title,
      severity: verdict.severity ?? rule.rule.severity,
      path,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      rawSecret: secret,
      fingerprint: locationFingerprint(path, rule.rule.id, 1, 1),
      secretHash: secretFingerprint(rule.rule.id, Buffer.from(content).toString('base64')),
      validity: verdict.validity,
      details: verdict.details,
      lineText: '',
    });
  }
  return findings;
}

type WindowAdder = (ruleIndex: number, from: number, to: number) => void;

/** What follows a keyword hit, for its rules' gates: taken once per hit, however many gated rules it has. */
class FollowingText {
  private end = -1;
  private value = '';
  constructor(private readonly text: TextLike) {}
  at(end: number): string {
    if (end !== this.end) {
      this.end = end;
      this.value = this.text.slice(end, end + GATE_LOOKAHEAD);
    }
    return this.value;
  }
}

/** Per rule, merged [from, to) ranges; `add` must be called in increasing `from` order per rule. */
function windowCollector(
  ruleset: Ruleset,
  path: string,
): { windows: Map<number, Array<[number, number]>>; add: WindowAdder; appliesTo: (ruleIndex: number) => boolean } {
  const windows = new Map<number, Array<[number, number]>>();
  const appliesTo = pathFilter(ruleset, path);
  const add = (ruleIndex: number, from: number, to: number) => {
    if (!appliesTo(ruleIndex)) return;
    const list = windows.get(ruleIndex);
    if (!list) windows.set(ruleIndex, [[from, to]]);
    else {
      const last = list[list.length - 1];
      if (from <= last[1] && to - last[0] <= MAX_MERGED_WINDOW) last[1] = Math.max(last[1], to);
      else if (to > last[1]) list.push([from, to]);
    }
  };
  return { windows, add, appliesTo };
}

/**
 * Adds the window a keyword hit at [start, end) opens for a rule: its reach, widened to whole lines
 * (up to LINE_EXTENSION) and then to whole tokens, so a 2,500-character JWT on a long line is whole.
 */
function addHitWindow(
  text: TextLike,
  ruleset: Ruleset,
  add: WindowAdder,
  ruleIndex: number,
  start: number,
  end: number,
  tokens: TokenBounds,
  after: FollowingText,
): void {
  const followedBy = ruleset.rules[ruleIndex].followedBy;
  if (followedBy) {
    followedBy.lastIndex = 0;
    if (!followedBy.test(after.at(end))) return;
  }
  const reach = ruleset.rules[ruleIndex].window;
  add(ruleIndex, lineStartBefore(text, Math.max(0, start - reach), tokens), lineEndAfter(text, Math.min(text.length, end + reach), tokens));
}

function windowsFromHits(text: TextLike, ruleset: Ruleset, path: string, hits: number[]): Map<number, Array<[number, number]>> {
  const { windows, add, appliesTo } = windowCollector(ruleset, path);
  const tokens = new TokenBounds(text);
  const after = new FollowingText(text);
  for (const index of ruleset.unkeyed) add(index, 0, text.length);
  for (let i = 0; i < hits.length; i += 2) {
    const start = hits[i];
    const end = start + ruleset.keywordIndex.keywords[hits[i + 1]].length;
    for (const ruleIndex of ruleset.keywordRules[hits[i + 1]]) {
      // A rule this file's path rules out costs nothing more: no gate, no window.
      if (!appliesTo(ruleIndex)) continue;
      // Most hits fall on a line a previous hit already opened for this rule: nothing to add.
      const open = windows.get(ruleIndex);
      const last = open?.[open.length - 1];
      if (last && start - ruleset.rules[ruleIndex].window >= last[0] && end + ruleset.rules[ruleIndex].window <= last[1]) continue;
      addHitWindow(text, ruleset, add, ruleIndex, start, end, tokens, after);
    }
  }
  return windows;
}

/** The regex prefilter, for texts whose character offsets differ from byte offsets (non-ASCII, UTF-16). */
function candidateWindows(text: string, ruleset: Ruleset, path: string): Map<number, Array<[number, number]>> {
  const { windows, add, appliesTo } = windowCollector(ruleset, path);
  for (const index of ruleset.unkeyed) add(index, 0, text.length);
  const prefilter = ruleset.prefilter;
  if (!prefilter) return windows;
  const tokens = new TokenBounds(text);
  const after = new FollowingText(text);
  prefilter.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = prefilter.exec(text))) {
    const rules = ruleset.byKeyword.get(hit[0].toLowerCase());
    if (!rules) continue;
    for (const index of rules) if (appliesTo(index)) addHitWindow(text, ruleset, add, index, hit.index, hit.index + hit[0].length, tokens, after);
  }
  return windows;
}

function lineStartBefore(text: TextLike, offset: number, tokens: TokenBounds): number {
  const floor = Math.max(0, offset - LINE_EXTENSION);
  if (text instanceof AsciiText) {
    const found = text.lastLineBreak(floor, offset);
    if (found >= 0) return found + 1;
    return floor === 0 ? 0 : tokens.startBefore(floor);
  }
  for (let i = offset; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return i;
  }
  return floor === 0 ? 0 : tokens.startBefore(floor);
}

function lineEndAfter(text: TextLike, offset: number, tokens: TokenBounds): number {
  const ceiling = Math.min(text.length, offset + LINE_EXTENSION);
  if (text instanceof AsciiText) {
    const found = text.firstLineBreak(offset, ceiling);
    if (found >= 0) return found;
    return ceiling === text.length ? ceiling : tokens.endAfter(ceiling);
  }
  for (let i = offset; i < ceiling; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return ceiling === text.length ? ceiling : tokens.endAfter(ceiling);
}

/** Whitespace, control characters, quotes and angle brackets end a token (JWTs, SAS URLs, connection strings have none). */
const isTokenEnd = (c: number) => c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 127;
/** The same, as a byte table. */
const TOKEN_END = Uint8Array.from({ length: 256 }, (_, c) => (isTokenEnd(c) ? 1 : 0));

/**
 * Where the token around an offset starts and ends, for windows cut short on a long line. The window
 * keeps the delimiter on either side, so look-arounds at a token's edge see what is really there.
 * The last delimiter-free run found each way is remembered, so hits that fall in one huge token
 * (a 50 MB line without spaces) cost one pass over it, not one per hit.
 */
class TokenBounds {
  /** [from, to) holds no delimiter and `to` is a token end (a delimiter or the end of the text). */
  private ahead = { from: -1, to: -1 };
  /** [from, to) holds no delimiter and `from` is a token start (after a delimiter, or 0). */
  private behind = { from: -1, to: -1 };
  /** An all-ASCII text's bytes, read directly with a table (long minified lines are walked here). */
  private readonly bytes?: Uint8Array;
  constructor(private readonly text: TextLike) {
    if (text instanceof AsciiText) this.bytes = text.bytesView();
  }

  private isEnd(i: number): boolean {
    return this.bytes ? TOKEN_END[this.bytes[i]] === 1 : isTokenEnd(this.text.charCodeAt(i));
  }

  /** One past the delimiter ending the token at `offset` (or the text's end). */
  endAfter(offset: number): number {
    const { text, ahead } = this;
    let i = offset;
    let from = offset;
    while (i < text.length && !this.isEnd(i)) {
      if (i >= ahead.from && i < ahead.to) {
        from = Math.min(from, ahead.from);
        i = ahead.to;
        break;
      }
      i++;
    }
    this.ahead = { from, to: i };
    return Math.min(text.length, i + 1);
  }

  /** The delimiter before the token at `offset` (or 0). */
  startBefore(offset: number): number {
    const { behind } = this;
    let i = offset;
    let to = offset;
    while (i > 0 && !this.isEnd(i - 1)) {
      if (i > behind.from && i <= behind.to) {
        to = Math.max(to, behind.to);
        i = behind.from;
        break;
      }
      i--;
    }
    this.behind = { from: i, to };
    return Math.max(0, i - 1);
  }
}

/** False when the time limit stopped it part-way (the candidates so far are kept). */
function collectMatches(
  text: TextLike,
  from: number,
  to: number,
  rule: CompiledRule,
  options: DetectOptions,
  surroundings: Surroundings,
  out: Candidate[],
): boolean {
  const regex = rule.regex!;
  const slice = typeof text === 'string' && from === 0 && to === text.length ? text : text.slice(from, to);
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  let matches = 0;
  while ((match = regex.exec(slice))) {
    if (options.stop && ++matches % MATCHES_PER_CLOCK_CHECK === 0 && performance.now() > options.stop.deadline) return false;
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = secretSpan(match);
    const secret = slice.slice(span[0], span[1]);
    if (rule.allowMatch.length && rule.allowMatch.some((re) => re.test(matchedText(slice, match!)))) continue;
    let verdict = judge(secret, rule, options);
    if (!verdict) continue;
    if (rule.rule.generic && !verdict.suppressed) {
      const reason = notATokenReason(secret, match.groups?.name);
      if (reason) verdict = { ...verdict, suppressed: reason, rejected: true };
    }
    const start = from + span[0];
    const end = from + span[1];
    const around = surroundings.of(start, end, rule);
    if (!around) continue;
    const named = namedVariable(match, rule);
    const details = around.partners || named ? { ...verdict.details, ...around.partners, ...named } : verdict.details;
    out.push({
      rule,
      start,
      end,
      secret,
      ...verdict,
      ...(details ? { details } : {}),
      ...(around.partners ? { partnerValues: around.partnerValues } : {}),
      contextDistance: around.contextDistance ?? 0,
    });
  }
  return true;
}

/**
 * The name a generic rule saw the value given to (its `name` group: `API_KEY`, `X-Api-Key`), so a
 * reader knows what the value was meant to be; generic findings are marked low confidence.
 */
function namedVariable(match: RegExpExecArray, rule: CompiledRule): Record<string, string> | undefined {
  if (!rule.rule.generic) return undefined;
  const name = match.groups?.name;
  return { confidence: 'low', ...(name ? { variable: name.replace(/^[$@:]+/, '').slice(0, 80) } : {}) };
}

/** The match, from the start of its `name` group where a lookbehind read the name before the match. */
function matchedText(slice: string, match: RegExpExecArray): string {
  const name = match.indices?.groups?.name;
  return name && name[0] < match.index ? slice.slice(name[0], match.index + match[0].length) : match[0];
}

/**
 * Offsets of the `secret` group; else of the other named group that matched (an alternative of the
 * pattern names its own, e.g. `legacy` after a URL or an assignment: JavaScript allows a name once per
 * pattern), so the prefix around it is never reported as the secret; else group 1, else the whole match.
 */
function secretSpan(match: RegExpExecArray): [number, number] {
  const indices = match.indices!;
  const groups = indices.groups;
  if (groups?.secret) return groups.secret;
  if (groups) for (const name in groups) if (groups[name] && !CONTEXT_GROUPS.has(name)) return groups[name];
  if (indices[1]) return indices[1];
  return indices[0];
}

/** What the gates say of a secret: the candidate less where it was found and how near its evidence was. */
type Verdict = Omit<Candidate, 'rule' | 'start' | 'end' | 'secret' | 'contextDistance'>;

function judge(secret: string, rule: CompiledRule, options: DetectOptions): Verdict | undefined {
  if (secret.includes(PURGE_MARKER)) return undefined;
  if (rule.allow.some((re) => re.test(secret))) return undefined;
  const lower = secret.toLowerCase();
  if (rule.stopwords.some((w) => lower.includes(w))) return undefined;
  if (rule.rule.entropy !== undefined && shannonEntropy(secret) < rule.rule.entropy) return undefined;
  // A template, example or keyboard walk in a secret's place is no leak; a user may still want to see
  // what was passed over and why (--include-suppressed), as with a failed checksum.
  if (!(rule.rule.validator && JUDGES_TEMPLATES.has(rule.rule.validator)) && isPlaceholder(secret))
    return {
      validity: 'unchecked',
      severity: rule.rule.severity,
      suppressed: 'placeholder: a template, example or keyboard walk, not a credential',
      rejected: true,
    };
  let verdict: Verdict = { validity: 'unchecked', severity: rule.rule.severity };
  if (rule.rule.validator) {
    const checked = validators[rule.rule.validator](secret);
    if (checked.sample)
      return {
        validity: checked.validity,
        severity: rule.rule.severity,
        details: checked.details,
        suppressed: `placeholder: ${checked.sample}`,
        rejected: true,
      };
    if (checked.drop) {
      if (checked.validity !== 'checksum-invalid') return undefined;
      // Not a real token, but a user may want to see why it was not reported (--include-suppressed).
      return {
        validity: checked.validity,
        severity: rule.rule.severity,
        details: checked.details,
        suppressed: `checksum failed: not a valid ${rule.rule.title}`,
        rejected: true,
      };
    }
    verdict = { validity: checked.validity, severity: checked.severity ?? rule.rule.severity, details: checked.details };
  }
  // The team's own allow-list: a real finding they chose to accept, kept (suppressed) rather than lost.
  // Named by index, never quoted: a pattern such as ^<secret>$ is the secret itself.
  const allowed = options.allowSecrets?.findIndex((re) => re.test(secret)) ?? -1;
  if (allowed >= 0) return { ...verdict, suppressed: `allowed by .hush.json allow.secrets[${allowed}]` };
  const stopword = options.stopwords?.findIndex((w) => lower.includes(w.toLowerCase())) ?? -1;
  if (stopword >= 0) return { ...verdict, suppressed: `allowed by .hush.json allow.stopwords[${stopword}]` };
  return verdict;
}

/**
 * Where secrets overlap, keep the most specific rule's (specific over generic, then severity, then
 * precedence; between rules equal in all of those, the one whose named evidence is nearer, so
 * `SONAR_TOKEN=` decides a value on its own line, not `CIRCLECI_API_KEY=` on the line before; then
 * order). A token its checksum rejected yields to a real specific finding but still silences generic
 * rules: a known format that fails its check is no credential.
 */
function preferSpecific(candidates: Candidate[]): Candidate[] {
  if (candidates.length < 2) return candidates;
  const tier = (c: Candidate) => (c.rule.rule.generic ? 2 : 0) + (c.rejected ? 1 : 0);
  const ordered = [...candidates].sort(
    (a, b) => tier(a) - tier(b) || a.rule.order - b.rule.order || a.contextDistance - b.contextDistance || a.rule.rank - b.rule.rank || a.start - b.start,
  );
  const kept: Candidate[] = [];
  const taken = new TakenSpans();
  for (const c of ordered) {
    if (taken.overlaps(c.start, c.end)) continue;
    taken.add(c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.rule.rank - b.rule.rank);
}

/**
 * Disjoint [start, end) spans kept so far, sorted by start, in blocks: an overlap test is a binary
 * search and an insertion touches one small block, so thousands of findings on one line stay n log n.
 */
class TakenSpans {
  private readonly blocks: number[][] = [];
  private static readonly BLOCK = 512;

  /** Whether [start, end) overlaps a kept span (spans are disjoint, so only the neighbours can). */
  overlaps(start: number, end: number): boolean {
    const [b, i] = this.find(start);
    const here = this.blocks[b];
    // The span starting at or before `start`, and the one after it.
    const prev = i > 0 ? [here[i - 2], here[i - 1]] : b > 0 ? this.blocks[b - 1].slice(-2) : undefined;
    if (prev && prev[1] > start) return true;
    const next = here && i < here.length ? here[i] : this.blocks[b + 1]?.[0];
    return next !== undefined && next < end;
  }

  add(start: number, end: number): void {
    if (!this.blocks.length) this.blocks.push([]);
    const [b, i] = this.find(start);
    const block = this.blocks[b];
    block.splice(i, 0, start, end);
    if (block.length > 2 * TakenSpans.BLOCK) this.blocks.splice(b, 1, block.slice(0, TakenSpans.BLOCK), block.slice(TakenSpans.BLOCK));
  }

  /** Block index and even index within it of the first span starting after `start`. */
  private find(start: number): [number, number] {
    let b = 0;
    while (b < this.blocks.length - 1 && this.blocks[b + 1][0] <= start) b++;
    const block = this.blocks[b] ?? [];
    let lo = 0;
    let hi = block.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (block[2 * mid] <= start) lo = mid + 1;
      else hi = mid;
    }
    return [b, 2 * lo];
  }
}

function toFindings(text: TextLike, path: string, candidates: Candidate[], lineHashes: boolean): Finding[] {
  if (!candidates.length) return [];
  const lines = new LineIndex(text);
  const starts = candidates.map((c) => lines.position(c.start));
  const ends = candidates.map((c) => lines.position(c.end));
  const hashes = lineHashes
    ? redactedLineHashes(
        text,
        new Set(starts.map((s) => s.line)),
        candidates.map((c) => [c.start, c.end] as const),
      )
    : new Map<number, string>();
  const { fields, around } = reportFields(
    text,
    lines,
    candidates.map((c, i) => ({ ruleId: c.rule.rule.id, rawSecret: c.secret, start: starts[i], end: ends[i] })),
  );
  return candidates.map((c, i) => {
    const start = starts[i];
    const end = ends[i];
    const ruleId = c.rule.rule.id;
    const inline = around.inlineSuppression(start, ruleId);
    return {
      ruleId,
      title: c.rule.rule.title,
      severity: c.severity,
      path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      rawSecret: c.secret,
      fingerprint: locationFingerprint(path, ruleId, start.line, start.column),
      secretHash: fields[i].secretHash,
      validity: c.validity,
      details: c.details,
      ...(c.partnerValues ? { partnerValues: c.partnerValues } : {}),
      lineHash: hashes.get(start.line),
      lineText: fields[i].lineText,
      snippet: fields[i].snippet,
      ...(inline
        ? { suppression: { kind: 'inSource' as const, reason: inline } }
        : c.suppressed
          ? { suppression: { kind: 'external' as const, reason: c.suppressed } }
          : {}),
    };
  });
}
