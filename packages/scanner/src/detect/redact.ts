import { shannonEntropy } from './entropy.js';

const MASK = '********';

/** Masking for output: keep a short prefix so people can recognise the credential, never more. */
export function redact(secret: string): string {
  // Already redacted (cached findings carry only this form): leave it as it is.
  if (secret.endsWith(MASK) && secret.length <= MASK.length + 40 && !secret.slice(0, -MASK.length).includes('*')) return secret;
  // A PEM header names the key type and is not secret; the body is.
  const pem = /^-----BEGIN [A-Z0-9 ]+-----/.exec(secret);
  if (pem) return `${pem[0]}${'*'.repeat(8)}`;
  const single = secret.replace(/\s+/g, ' ');
  const keep = Math.min(4, Math.floor(single.length / 4));
  return `${single.slice(0, keep)}${'*'.repeat(8)}`;
}

/** Longest snippet shown whole; longer lines are cut to a window around the finding. */
const SNIPPET_MAX = 500;
const SNIPPET_BEFORE = 100;
const SNIPPET_AFTER = 300;

/** Runs of token characters long enough to be a credential. */
const TOKEN = /[A-Za-z0-9+/_\-.~%]{20,}={0,3}/g;

/** Letters and digits with high entropy: reads as a credential even when no rule matched it. */
function looksRandom(token: string): boolean {
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token) && shannonEntropy(token) >= 3.5;
}

function maskRandomTokens(text: string): string {
  return text.replace(TOKEN, (token) => (looksRandom(token) ? redact(token) : token));
}

/**
 * The snippet reports show for a finding. Every secret span on the line (`spans`: [from, to)
 * offsets of this finding and of every other finding on it) and every random-looking token are
 * masked first; only then is a long line cut to a window around `focus` (the finding's offset), so
 * a cut can never leave part of a secret in clear.
 */
export function redactedSnippet(line: string, spans: ReadonlyArray<readonly [number, number]>, focus: number): string {
  if (line.length <= 2 * SNIPPET_REGION + SNIPPET_MAX) return maskedWindow(line, spans, focus);
  // A long line (minified code): mask only a region around the finding, so many findings on one
  // 50 MB line stay linear. The region never ends inside a secret (it widens to whole spans) and
  // drops a token it would cut (part of a token could be part of a secret).
  const focalEnd = Math.max(focus + 1, ...spans.filter(([from, to]) => from <= focus && focus < to).map(([, to]) => to));
  let from = Math.max(0, focus - SNIPPET_REGION);
  let to = Math.min(line.length, focalEnd + SNIPPET_REGION);
  while (from > 0 && from < focus && isTokenChar(line.charCodeAt(from - 1)) && isTokenChar(line.charCodeAt(from))) from++;
  while (to < line.length && to > focalEnd && isTokenChar(line.charCodeAt(to - 1)) && isTokenChar(line.charCodeAt(to))) to--;
  for (const [start, end] of spans) {
    if (start < from && end > from) from = start;
    if (start < to && end > to) to = end;
  }
  const shifted = spans.map(([start, end]) => [start - from, end - from] as const);
  return maskedWindow(line.slice(from, to), shifted, focus - from);
}

/** Input characters kept on each side of a finding on a long line before masking (the window needs far fewer). */
const SNIPPET_REGION = 800;

function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 ||
    c === 47 ||
    c === 95 ||
    c === 45 ||
    c === 46 ||
    c === 126 ||
    c === 37 ||
    c === 61
  );
}

function maskedWindow(line: string, spans: ReadonlyArray<readonly [number, number]>, focus: number): string {
  const ranges = spans
    .map(([from, to]) => [Math.max(0, from), Math.min(line.length, to)] as [number, number])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  let focusOut = 0;
  const plain = (to: number) => {
    if (to <= at) return;
    const masked = maskRandomTokens(line.slice(at, to));
    if (focus >= at && focus < to) focusOut = out.length + Math.min(focus - at, masked.length);
    out += masked;
    at = to;
  };
  for (let i = 0; i < ranges.length; i++) {
    const from = Math.max(at, ranges[i][0]);
    let to = ranges[i][1];
    while (i + 1 < ranges.length && ranges[i + 1][0] <= to) to = Math.max(to, ranges[++i][1]);
    if (to <= from) continue;
    plain(from);
    if (focus >= from && focus < to) focusOut = out.length;
    out += redact(line.slice(from, to));
    at = to;
  }
  plain(line.length);
  if (out.length <= SNIPPET_MAX) return out;
  return out.slice(Math.max(0, focusOut - SNIPPET_BEFORE), focusOut + SNIPPET_AFTER);
}

/** `scheme://user:password@host` anywhere in a text (CI clones put tokens there). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/** Strips the userinfo (user name, password, token) from every URL in a text. */
export function stripUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, '$1');
}
