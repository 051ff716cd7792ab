// Compiles the service table (data/services/*.yaml) into full rules and playbooks at build time.
// One entry says: "the service's name within a short distance of a value of this shape is its key".
// Each compiled rule gets examples and counter-examples generated deterministically from the shape
// (found: name + value; silent: wrong length, no name nearby, placeholder), so the rules test runs
// every one through the engine like a hand-written rule.
import { createHash } from 'node:crypto';

/** Characters searched either side of a name for the value (the window reaches whole lines beyond). */
const NAME_REACH = 100;
/** Words that make a common-word name count as the service's (the name must be followed by one). */
const CREDENTIAL_WORDS = 'api|key|token|secret|auth|access|pass|credential';
const KNOWN_RANGE = /^(?:A-Z|a-z|0-9|a-f|A-F|1-9|2-7|a-h|a-v|A-V|0-7)/;

/** The characters a `chars` spec (`A-Za-z0-9_-`: ranges then literal symbols) stands for. */
function alphabet(spec) {
  let out = '';
  let rest = spec;
  while (rest.length) {
    const range = KNOWN_RANGE.exec(rest)?.[0];
    if (range) {
      const from = range.charCodeAt(0);
      const to = range.charCodeAt(2);
      for (let c = from; c <= to; c++) out += String.fromCharCode(c);
      rest = rest.slice(3);
    } else if ('_-.=+/'.includes(rest[0])) {
      out += rest[0];
      rest = rest.slice(1);
    } else throw new Error(`unsupported character ${JSON.stringify(rest[0])} in chars ${JSON.stringify(spec)}`);
  }
  return [...new Set(out)].join('');
}

/** Regex class body for an alphabet (`-` last, so it is literal). */
function classBody(spec) {
  const letters = spec.replace(/[_\-.=+/]+$/, '');
  const symbols = spec.slice(letters.length);
  const escaped = symbols.replace(/[-/.+=]/g, (c) => (c === '-' ? '' : '\\' + c));
  return letters + escaped + (symbols.includes('-') ? '-' : '');
}

/** `An` before a vowel sound in the name (`An AbuseIPDB key`), else `A`. */
const article = (name) => (/^[AEIOU]/i.test(name) ? 'An' : 'A');

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Deterministic pseudo-random values per rule id (examples must not change between builds). */
function generator(seed) {
  let state = createHash('sha256').update(seed).digest();
  let index = 0;
  return () => {
    if (index >= state.length) {
      state = createHash('sha256').update(state).digest();
      index = 0;
    }
    return state[index++];
  };
}

/** A value of the entry's shape that passes the rule's own filters (mixed classes, not hex-only). */
function sampleValue(entry, chars, length, salt) {
  const next = generator(`${entry.id}:${salt}`);
  for (let attempt = 0; ; attempt++) {
    let body = '';
    for (let i = 0; i < length; i++) body += chars[next() % chars.length];
    const value = (entry.value.prefix ?? '') + body;
    if (filters(entry, chars).every((re) => !new RegExp(re).test(value)) && /[0-9]/.test(body) === /[0-9]/.test(chars) && attempt < 1000) {
      if (!/[a-z]/i.test(chars) || /[a-z]/i.test(body)) return value;
    }
    if (attempt >= 1000) throw new Error(`${entry.id}: cannot generate an example value`);
  }
}

/**
 * Values of the shape that are not keys: words without digits, digits only, and single-case values of a
 * mixed-case shape. A value of hex digits alone is kept whatever the shape: many providers issue hex
 * keys that other scanners' published shapes (and so this table's) describe as letters and digits.
 */
function filters(entry, chars) {
  const out = [];
  const hasDigits = /[0-9]/.test(chars);
  const hasLetters = /[a-z]/i.test(chars);
  const body = entry.value.prefix ? `^${escapeRegex(entry.value.prefix)}` : '^';
  if (hasDigits && hasLetters) out.push(`${body}[^0-9]+$`, `${body}[0-9]+$`);
  // A random mixed-case value of 16+ characters is never all one case, and one of 32+ holds at least one
  // character of each case per 16 (fewer has odds below one in a million): `uie5…H…` of 52 is no such key
  // (unless it is hex, above).
  const min = lengths(entry)[0];
  if (/A-Z/.test(entry.value.chars) && /a-z/.test(entry.value.chars) && min >= 16) {
    const fewest = Math.floor(min / 16);
    const notHex = `${body}(?![0-9a-f]+$|[0-9A-F]+$)`;
    const fewer = (cls) => (fewest === 1 ? `${notHex}[^${cls}]+$` : `${notHex}(?:[^${cls}]*[${cls}]){0,${fewest - 1}}[^${cls}]*$`);
    out.push(fewer('A-Z'), fewer('a-z'));
  }
  return out;
}

/**
 * Bits per character a random value of this alphabet and length clearly exceeds; for an alphabet that
 * holds the hex digits, what a random hex value of that length clearly exceeds (hex values are kept, see
 * `filters`).
 */
function entropyFloor(chars, min) {
  const holdsHex = ['0123456789abcdef', '0123456789ABCDEF'].some((hex) => [...hex].every((c) => chars.includes(c)));
  const bits = Math.log2(Math.min(holdsHex ? 16 : chars.length, min));
  return Math.round(bits * 0.7 * 10) / 10;
}

function lengths(entry) {
  const length = entry.value.length;
  return Array.isArray(length) ? length : [length, length];
}

/**
 * A name strong enough without a credential word after it: one that is a credential word itself
 * (`hapikey`), or a service's own API host (`search.windows.net`: two dots, so no bare domain like `user.com`).
 */
function strongName(name) {
  return new RegExp(CREDENTIAL_WORDS, 'i').test(name) || /^[a-z0-9-]+(?:\.[a-z0-9-]+){2,}$/i.test(name);
}

/**
 * The evidence that names the service: a name standing alone (not inside a longer word); with
 * `nameNext` (common words, hex and UUID shapes) followed within a few characters by a credential
 * word, unless the name is strong on its own (`strongName`).
 */
function nameContext(names, nameNext) {
  // Short names must end where the word ends (`tru` is not `Truncated`).
  const alone = (list) => `(?<![a-z0-9])(?:${list.map((n) => escapeRegex(n) + (n.length <= 5 && /[a-z]$/i.test(n) ? '(?![a-z])' : '')).join('|')})`;
  if (!nameNext) return alone(names);
  const self = names.filter(strongName);
  const plain = names.filter((n) => !strongName(n));
  const parts = [...(self.length ? [alone(self)] : []), ...(plain.length ? [`${alone(plain)}[\\s\\S]{0,32}?(?:${CREDENTIAL_WORDS})`] : [])];
  return parts.join('|');
}

/**
 * A cheap test right after each name hit, so common names (`line`, `close`) cost a sticky regex, not a
 * window scan: the credential word for `nameNext` entries; for short names, that the word ends there.
 */
function keywordGate(names, nameNext) {
  if (nameNext && !names.some(strongName)) return `[\\s\\S]{0,32}?(?:${CREDENTIAL_WORDS})`;
  if (names.every((n) => n.length <= 5 && /[a-z]$/i.test(n))) return '(?![a-z])';
  return undefined;
}

const ENTRY_FIELDS = new Set(['id', 'service', 'keywords', 'value', 'nameNext', 'docs', 'revoke', 'allow', 'examples', 'precedence']);

const KIND_WORDS = { 'api-key': 'API key', token: 'token', secret: 'secret' };

/** The rule and playbook for one table entry; problems go to `problems`. */
function compileEntry(entry, problems) {
  const label = `service ${entry.id ?? '?'}`;
  // An unknown field is a typo that would otherwise be ignored without a word.
  const unknown = Object.keys(entry).filter((field) => !ENTRY_FIELDS.has(field));
  if (unknown.length) {
    problems.push(`${label}: unknown field ${unknown.join(', ')}`);
    return undefined;
  }
  for (const field of ['id', 'service', 'keywords', 'value', 'docs']) {
    if (entry[field] === undefined) {
      problems.push(`${label}: missing ${field}`);
      return undefined;
    }
  }
  const unknownValue = Object.keys(entry.value).filter((field) => !['chars', 'length', 'prefix'].includes(field));
  if (unknownValue.length || entry.value.chars === undefined || entry.value.length === undefined) {
    problems.push(`${label}: value needs chars and length (and may have prefix)${unknownValue.length ? `, not ${unknownValue.join(', ')}` : ''}`);
    return undefined;
  }
  let chars;
  try {
    chars = alphabet(entry.value.chars);
  } catch (error) {
    problems.push(`${label}: ${error.message}`);
    return undefined;
  }
  const [min, max] = lengths(entry);
  if (!(min >= 8 && max >= min && max <= 512)) {
    problems.push(`${label}: length must be 8..512`);
    return undefined;
  }
  const prefix = entry.value.prefix ?? '';
  const kindKey = entry.id.split('.').pop().replace(/-\d+$/, '');
  const kind = KIND_WORDS[kindKey] ?? 'credential';
  const cls = `[${classBody(entry.value.chars)}]`;
  // Edges: not inside a longer run of token characters (a base64 blob, a path, a longer key), nor a git
  // revision or digest: after `#` or `@` (`git+https://…/repo.git#<sha>`, `pkg@<sha>`), in a URL's path,
  // or named as one (`commit 4b2e…`, `checksum 9f0c…`, `"gitHead": "…"`, `sha256:…`, npm's `"shasum"`,
  // a certificate's `Thumbprint`, an `ETag`).
  const pattern = `(?<![A-Za-z0-9+/_.?#@-])(?<!(?:[Cc]ommit|[Ss][Hh][Aa](?:1|256)?|[Ss]hasum|[Rr]evision|[Rr]ev|[Rr]ef|[Hh]ash|[Cc]hecksum|[Mm][Dd]5|[Dd]igest|git[Hh]ead|[Tt]humbprint|[Ee][Tt]ag)["']?[\\s:=]{1,3}["']?)(?<secret>${escapeRegex(prefix)}${cls}{${min},${max}})(?![A-Za-z0-9+/_=?-]|\\.[A-Za-z0-9])`;
  const keywords = [...new Set(entry.keywords.map((k) => k.toLowerCase()))];
  // The value's own prefix is its evidence when a keyword is that prefix (`aio_`); else the name must be near.
  const selfNamed = prefix !== '' && keywords.some((k) => prefix.toLowerCase().startsWith(k));
  const context = selfNamed ? undefined : nameContext(entry.keywords, entry.nameNext);
  const gate = selfNamed ? undefined : keywordGate(entry.keywords, entry.nameNext);
  const value1 = sampleValue(entry, chars, max, 'a');
  const value2 = sampleValue(entry, chars, min, 'b');
  const name = entry.keywords[0];
  // An env-var name holds the service name only where the name is a plain word (not `aha.io`, `the-odds-api`).
  const plain = entry.keywords.find((k) => /^[A-Za-z0-9_]+$/.test(k));
  const envName = plain ? plain.replace(/^_|_$/g, '').toUpperCase() : undefined;
  const assign = (value) => (envName ? `${envName}_API_KEY=${value}` : `${name}: api_key=${value}`);
  const short = value2.slice(0, prefix.length + min - 3);
  const counterExamples = [assign(short), assign(prefix + 'x'.repeat(min))];
  if (!selfNamed) counterExamples.push(`API_KEY=${value1}`);
  const playbookId = `service-${entry.id.split('.')[0]}`;
  const rule = {
    id: entry.id,
    title: `${entry.service} ${kind}`,
    description: `${article(entry.service)} ${entry.service} ${kind} (${prefix ? `\`${prefix}\` + ` : ''}${min === max ? min : `${min}-${max}`} characters of ${entry.value.chars}) near the service's name.`,
    provider: entry.service,
    severity: prefix ? 'high' : 'medium',
    keywords,
    pattern,
    entropy: entropyFloor(chars, min),
    // The entry's own allow-list: published sample or emulator keys of the service.
    allow: [...filters(entry, chars), ...(entry.allow ?? [])],
    window: selfNamed ? 0 : NAME_REACH,
    ...(gate ? { keywordFollowedBy: gate } : {}),
    ...(context ? { context } : {}),
    // Where two rules find the same value, the row may say which wins (see docs/rule-data.md).
    ...(entry.precedence !== undefined ? { precedence: entry.precedence } : {}),
    guidance: playbookId,
    // An entry may give its own example lines (`{value}` marks the key), e.g. where a hand-written rule
    // already finds the generic forms and this entry exists for another.
    examples: entry.examples
      ? entry.examples.map((line, i) => line.replace('{value}', i % 2 ? value2 : value1))
      : [assign(value1), `# ${name} ${kind}\nclient = Client(api_key="${value2}")`],
    counterExamples,
    references: [entry.docs, ...(entry.revoke ? [entry.revoke] : [])],
  };
  const playbook = {
    id: playbookId,
    title: `${entry.service} credential`,
    summary: `${article(entry.service)} ${entry.service} ${kind} lets whoever holds it call ${entry.service}'s API as your account, within the key's permissions.`,
    steps: [
      `Revoke or regenerate it in your ${entry.service} account (its API or developer settings${entry.revoke ? `: ${entry.revoke}` : ''}); the provider documents its keys at ${entry.docs}.`,
      `Put the new value in a secret store, and review the ${entry.service} account's activity for use you did not make.`,
    ],
    instead: ['A secret manager or CI secret injected at run time, with one least-privilege key per application.'],
    references: rule.references,
  };
  return { rule, playbook };
}

/** Rules and playbooks for every entry; entries of one service share its playbook. */
export function compileServices(entries) {
  const problems = [];
  const rules = [];
  const playbooks = new Map();
  for (const entry of entries) {
    const compiled = compileEntry(entry, problems);
    if (!compiled) continue;
    rules.push(compiled.rule);
    if (!playbooks.has(compiled.playbook.id)) playbooks.set(compiled.playbook.id, compiled.playbook);
  }
  return { rules, playbooks: [...playbooks.values()], problems };
}
