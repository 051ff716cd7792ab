/**
 * A structural check of a pattern's quantifiers, for the linter: regexes run on hostile input (a
 * megabyte line of a rule's own keywords), so their matching must stay linear. Two shapes make
 * JavaScript's backtracking engine super-linear:
 * - an unbounded repetition of a group that itself repeats without bound (`(a+)+`, `(?:\w+\s?)*`):
 *   exponential. Refused in every rule.
 * - (strict) an unbounded quantifier (`*`, `+`, `{n,}`) on anything but whitespace: from every start
 *   it may run to the end of the line before failing, so a line of repeated keywords costs its
 *   square. Bound it (`{0,256}`, `{8,128}`): each start then costs at most the bound. Refused in
 *   rules added from now on and in user rules; older built-ins are held to the fuzz test instead.
 */

interface Atom {
  /** The atom's source (a character, escape, class or group). */
  source: string;
  min: number;
  max: number;
  /** For groups: whether anything inside is quantified without bound. */
  innerUnbounded: boolean;
}

const WHITESPACE_ATOM = /^(?:\\s|[ ]|\\t|\[(?:\\s| |\\t|\\r|\\n)+\])$/;

/** Problems with the pattern's quantifiers (empty when it is safe). */
export function quantifierProblems(pattern: string, strict: boolean): string[] {
  const problems: string[] = [];
  try {
    parseSequence(pattern, 0, problems, strict);
  } catch {
    // The pattern's syntax is the compile check's business.
  }
  return [...new Set(problems)];
}

/** Parses from `at` until `)` or the end; returns the index after and whether any unbounded quantifier occurred. */
function parseSequence(src: string, at: number, problems: string[], strict: boolean): { end: number; unbounded: boolean } {
  let i = at;
  let unbounded = false;
  while (i < src.length && src[i] !== ')') {
    if (src[i] === '|') {
      i++;
      continue;
    }
    const atom = readAtom(src, i, problems, strict);
    i = atom.end;
    const q = readQuantifier(src, i);
    i = q.end;
    const item: Atom = { source: atom.source, min: q.min, max: q.max, innerUnbounded: atom.innerUnbounded };
    if (item.innerUnbounded) unbounded = true;
    if (item.max === Infinity) {
      // Runs of whitespace between tokens are harmless on their own; inside a repeated group they are not.
      if (!WHITESPACE_ATOM.test(item.source) || item.innerUnbounded) unbounded = true;
      if (item.innerUnbounded) problems.push(`nested unbounded quantifier in ${clip(item.source)}${q.text} (catastrophic backtracking)`);
      else if (strict && !WHITESPACE_ATOM.test(item.source)) problems.push(`unbounded quantifier ${clip(item.source)}${q.text}: bound it (e.g. {0,256})`);
    }
  }
  return { end: i, unbounded };
}

function readAtom(src: string, at: number, problems: string[], strict: boolean): { end: number; source: string; innerUnbounded: boolean } {
  const c = src[at];
  if (c === '\\') {
    // \p{…}, \u{…}, \k<…>, \cX, or a two-character escape.
    const next = src[at + 1];
    if ((next === 'p' || next === 'P' || next === 'u') && src[at + 2] === '{') return atomTo(src, at, src.indexOf('}', at) + 1);
    if (next === 'k' && src[at + 2] === '<') return atomTo(src, at, src.indexOf('>', at) + 1);
    if (next === 'x') return atomTo(src, at, at + 4);
    if (next === 'u') return atomTo(src, at, at + 6);
    if (next === 'c') return atomTo(src, at, at + 3);
    return atomTo(src, at, at + 2);
  }
  if (c === '[') {
    let i = at + 1;
    if (src[i] === '^') i++;
    if (src[i] === ']') i++;
    while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
    return atomTo(src, at, i + 1);
  }
  if (c === '(') {
    let i = at + 1;
    if (src[i] === '?') {
      if (src[i + 1] === '<' && src[i + 2] !== '=' && src[i + 2] !== '!') i = src.indexOf('>', i) + 1;
      else i += src[i + 1] === '<' ? 3 : 2;
    }
    const found: string[] = [];
    const inner = parseSequence(src, i, found, strict);
    const end = inner.end + 1;
    // `(?=(?<body>…))\k<body>` is an atomic group: what the lookahead matched is never backtracked into.
    const atomic = src.startsWith('(?=(?<', at) && src.startsWith('\\k<', end);
    if (!atomic) problems.push(...found);
    return { end, source: src.slice(at, end), innerUnbounded: inner.unbounded && !atomic };
  }
  return atomTo(src, at, at + 1);
}

const atomTo = (src: string, at: number, end: number) => ({ end, source: src.slice(at, end), innerUnbounded: false });

function readQuantifier(src: string, at: number): { end: number; min: number; max: number; text: string } {
  const c = src[at];
  let end = at;
  let min = 1;
  let max = 1;
  if (c === '*' || c === '+' || c === '?') {
    end = at + 1;
    [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(at));
    if (m) {
      end = at + m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    }
  }
  if (end > at && (src[end] === '?' || src[end] === '+')) end++;
  return { end, min, max, text: src.slice(at, end) };
}

const clip = (source: string) => (source.length > 40 ? `${source.slice(0, 37)}...` : source);

/**
 * Built-in rules written before bounded quantifiers were required: each passes the fuzz test
 * (packages/scanner/test/adversarial-lines.test.ts). The list only shrinks; a rule leaves it when
 * its quantifiers are bounded.
 */
export const UNBOUNDED_BEFORE_LINT = new Set([
  'atlassian.api-token-legacy',
  'azure.ai-services-key',
  'azure.communication-connection-string',
  'azure.container-registry-password',
  'azure.cosmosdb-connection-string',
  'azure.entra-client-assertion',
  'azure.iot-hub-connection-string',
  'azure.service-bus-connection-string',
  'azure.service-bus-sas-token',
  'azure.signalr-connection-string',
  'cloudinary.url',
  'config.docker-auths-escaped',
  'config.dotenv-file',
  'config.git-credentials',
  'config.kubernetes-secret',
  'config.netrc-inline',
  'config.pgpass',
  'config.shadow-hash',
  'config.terraform-state',
  'flyio.access-token',
  'generic.cli-password',
  'generic.connection-string-password',
  'generic.credential-assignment-config',
  'generic.env-fallback-code',
  'generic.env-fallback-helper',
  'generic.env-fallback-python',
  'generic.env-fallback-shell',
  'generic.jwt',
  'generic.redis-url-password',
  'generic.url-credentials',
  'github.app-token',
  'ifttt.webhook-key',
  'jfrog.token',
  'kaggle.api-key',
  'key.pkcs12-base64',
  'key.private-key-base64',
  'key.private-key-truncated',
  'key.putty-private-key',
  'kubernetes.bootstrap-token',
  'microsoft.teams-webhook-url',
  'npm.legacy-auth-token',
  'sentry.token',
  'supabase.access-token',
  'tailscale.key',
]);
