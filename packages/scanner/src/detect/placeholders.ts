/**
 * Values that look like secrets but are templates, examples or references to a real secret kept
 * elsewhere. Applied to every rule's secret: a placeholder is never a leak.
 */
// `$apr1$`, `$y$`, `$2b$`... open crypt(3) hashes, not shell variables. `#{...}` (Ruby, CoffeeScript) and
// `$(...)` (shell) interpolate; `[a-z0-9]{40}`-style character classes are regexes describing a secret.
const TEMPLATE =
  /\$\{|\{\{|\}\}|^\$(?!(?:apr1|y|gy|2[aby]|7|argon2(?:id|i|d))\$)[A-Za-z_(]|#\{[^}]*\}|\$\([^)]*\)|\[\^?(?:[A-Za-z0-9]-[A-Za-z0-9]|\\[dwsS])|^%[A-Za-z_]+%$|^@[A-Za-z_]+@$|%[sd]|^<.*>$|<[a-z_ -]+>|\[[A-Za-z_ -]{3,}\]|\[\[|process\.env|os\.environ|getenv|env\(/i;
// (\u2026 is the ellipsis, escaped: one non-ASCII character would make the bundle's whole source a two-byte string)
const EXAMPLE_WORDS =
  /example|dummy|changeme|change_me|placeholder|your[_-]?(?:own[_-]?)?(?:api[_-]?)?(?:key|secret|token|password|pass|client)|redacted|insert[_-]?here|fake[_-]?(?:key|secret|token|pass(?:word|wd)?|pwd)|not[_ -]?(?:a|my)[_ -]?(?:real|secret)|sample[_-]?(?:key|secret|token)|xxxxx|replace[_-]?(?:me|with|this)|^my[_-]?(?:pass(?:word)?|secret|token|api[_-]?key)\d*$|^your.{0,24}(?:password|passwd|secret|token|key)$|\*\*\*\*|\.\.\.|\u2026|abcdefghijklmnop|0123456789abcdef|1234567890/i;

/** Names of a secret kept in a store (GCP Secret Manager, AWS Secrets Manager / SSM, Vault, 1Password, Key Vault): a lookup, not the value. */
const SECRET_STORE =
  /^(?:projects\/[^/\s]+\/secrets\/|arn:aws[\w-]*:(?:secretsmanager|ssm):|op:\/\/|vault:|(?:awssm|gcpsm|azkv|ssm):|https:\/\/[\w-]+\.vault\.azure\.net\/secrets\/)/i;

/**
 * A value that is nothing but the credential's own name (leet spellings too: `p4ssw0rd`) or a filler
 * word: keyword arguments passed on (`password=password`), `-passout pass:sample`. (`changeit` is the JDK keystores' published default.)
 */
const BARE_WORD =
  /^(?:p[a4@][s5$]{2}(?:w[o0]rd|wd)?|pwd|s[e3]cr[e3]t|token|api[_-]?key|key|credentials?|sample|test(?:ing)?|demo|foo|bar|baz|foobar|changeit)\d{0,4}$/i;

/**
 * An environment variable's name given as the value (`AZURE_CLIENT_SECRET = "AZURE_CLIENT_SECRET"`, then
 * looked up): CONST_CASE words, one of them naming a credential. No issued secret looks like that.
 */
const ENV_VAR_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:SECRET|PASSWORD|PASSWD|PWD|PASS|TOKEN|KEY|CREDENTIALS?)(?:_[A-Z0-9]+)*$/;

/**
 * Values the OAuth RFCs print as their examples (RFC 6749's tokens, code, client secret and Basic
 * header, RFC 6750's bearer token, RFC 5849's keys, tokens and signature), which every OAuth library's
 * docs and tests repeat: public by publication, like a provider's documented example key.
 */
const PUBLISHED_SAMPLES = new Set([
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'SplxlOBeZQQYbYS6WxSbIA',
  '7Fjfp0ZBr1KtDRbnfVdmIw',
  'gX1fBat3bV',
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW',
  'czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3',
  'mF_9.B5f-4.1JqM',
  'dpf43f3p2l4k3l03',
  'kd94hf93k423kf44',
  'hh5s93j4hdidpola',
  'hdk48Djdsa',
  'nnch734d00sl2jdk',
  'pfkkdhi9sl3r4s00',
  '0685bd9184jfhq22',
  'ad180jjd733klru7',
  'wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D',
]);

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The printable ASCII text a base64 value of at least `minLength` characters (padding aside) decodes to, else undefined
 * (`_password` values in .npmrc and registry configs are base64 of the password; samples encode messages).
 */
export function base64Text(secret: string, minLength: number): string | undefined {
  const padding = secret.endsWith('==') ? 2 : secret.endsWith('=') ? 1 : 0;
  if (secret.length - padding < minLength || secret.length % 4 !== 0 || !BASE64.test(secret)) return undefined;
  const text = Buffer.from(secret, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

export function isPlaceholder(secret: string): boolean {
  if (
    TEMPLATE.test(secret) ||
    EXAMPLE_WORDS.test(secret) ||
    SECRET_STORE.test(secret) ||
    BARE_WORD.test(secret) ||
    PUBLISHED_SAMPLES.has(secret) ||
    ENV_VAR_NAME.test(secret)
  )
    return true;
  if (isMostlyOneCharacter(secret) || isMostlyWalks(secret) || isMostlyRepeats(secret)) return true;
  // Spring Security's `{noop}` prefix stores the password as it is: what follows is judged.
  if (secret.startsWith('{noop}')) return isPlaceholder(secret.slice(6));
  return isEncodedPlaceholder(secret);
}

/** `bm90IG15IHJlYWwgcGFzc3dvcmQ=` ("not my real password"): a placeholder, base64-encoded as its format asks. */
function isEncodedPlaceholder(secret: string): boolean {
  const text = base64Text(secret, 12);
  return text !== undefined && (EXAMPLE_WORDS.test(text) || BARE_WORD.test(text));
}

/** Sequences a person types without thinking: the alphabet, the digits and the keyboard's rows. */
const WALKS = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEXT = new Map<string, Set<string>>();
for (const walk of WALKS) {
  for (let i = 0; i + 1 < walk.length; i++) NEXT.set(walk[i], (NEXT.get(walk[i]) ?? new Set()).add(walk[i + 1]));
}
/** Runs of at least this many characters in walk order count (a random token rarely holds one). */
const WALK_RUN = 4;

/**
 * `qwertyuiop123`, `abcd1234efgh5678`, `ABCDEFGHIJ`: at least 60% of the value lies in runs of four or
 * more characters that follow each other on the keyboard, in the alphabet or in the digits.
 */
function isMostlyWalks(secret: string): boolean {
  return secret.length >= 8 && walkCoverage(secret) >= 0.6;
}

/** The share of `text` in runs of WALK_RUN or more characters in walk order. */
function walkCoverage(text: string): number {
  const lower = text.toLowerCase();
  let covered = 0;
  let run = 1;
  for (let i = 1; i <= lower.length; i++) {
    if (i < lower.length && NEXT.get(lower[i - 1])?.has(lower[i])) {
      run++;
      continue;
    }
    if (run >= WALK_RUN) covered += run;
    run = 1;
  }
  return covered / lower.length;
}

/**
 * `abcD$1234-ef56-gH78-ij90-klmn1234opqr`, `a1b2c3d4e5f6a7b8`: walks cut into pieces and interleaved,
 * letters with digits. Its letters alone (`abcdefghijklmnopqr`) and its digits alone are each mostly
 * walks; a random token's letters almost never are. Used for generic rules' values (not-a-token.ts):
 * a provider's prefix or checksum already says more about a value than its letters do.
 */
export function isInterleavedWalks(secret: string): boolean {
  const letters = secret.replace(/[^A-Za-z]/g, '');
  const digits = secret.replace(/[^0-9]/g, '');
  if (letters.length < 8 || digits.length < 4) return false;
  return walkCoverage(letters) >= 0.6 && walkCoverage(digits) >= 0.6;
}

/** `AKIATESTTESTTESTTEST`, `abc123abc123abc123`: a unit of 2 to 8 characters repeated over 60% of the value. */
function isMostlyRepeats(secret: string): boolean {
  if (secret.length < 8) return false;
  const repeats = /(.{2,8}?)\1{2,}/gi;
  let covered = 0;
  for (const match of secret.matchAll(repeats)) covered += match[0].length;
  return covered / secret.length >= 0.6;
}

/** `aaaaaaaa`, `00000000-0000...`, `XXXX-XXXX`: at least 60% one character (ignoring separators). */
function isMostlyOneCharacter(secret: string): boolean {
  const body = secret.replace(/^[a-z]{2,4}[_-]/i, '').replace(/[-_.:/+=]/g, '');
  if (body.length < 6) return false;
  const counts = new Map<string, number>();
  let max = 0;
  for (const ch of body.toLowerCase()) {
    const n = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, n);
    if (n > max) max = n;
  }
  return max / body.length >= 0.6;
}
