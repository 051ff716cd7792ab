// Planted secrets for the accuracy benchmark, generated from the rule data (issue 23.4): each built-in
// rule's examples, with the secret replaced by a fresh value of the same shape (each character redrawn
// from the range its class spans in the original: hex stays hex, base32 stays base32; a leading prefix
// such as `sk_live_` is kept). The rule's own pattern and entropy floor must still take the fresh value; where they do not
// after a few draws, or where an offline check (a checksum, a key's structure) would reject any redrawn
// value, the example is planted as written. New rules are planted without anyone editing the benchmark.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Validators whose check a redrawn value cannot pass: their examples are planted as written. */
const STRUCTURED = new Set([
  'github-token',
  'npm-token',
  'gitlab-token',
  'entra-client-secret',
  'azure-identifiable-key',
  'azure-devops-pat',
  'private-key',
  'pkcs12',
  'jwt',
  'basic-auth',
]);
const DRAWS = 20;

/** Named groups that say where a secret is, not what it is (the rules' schema, CONTEXT_GROUPS). */
const CONTEXT_GROUPS = new Set(['name', 'q']);

/**
 * Offsets of the secret in a rule's first match of `text`, as the engine takes them: the `secret` group,
 * else the other named group that matched (an alternative names its own, e.g. `runKey`), else group 1,
 * else the match.
 */
function secretSpan(rule, text) {
  const regex = new RegExp(rule.pattern, `dg${rule.flags ?? ''}`);
  const keywords = (rule.keywords ?? []).map((k) => k.toLowerCase());
  for (const match of text.matchAll(regex)) {
    const groups = match.indices.groups ?? {};
    const named = groups.secret ?? Object.entries(groups).find(([name, span]) => span && !CONTEXT_GROUPS.has(name))?.[1];
    const span = named ?? match.indices[1] ?? match.indices[0];
    // A value-shaped pattern may also match the service's own name ("myintervals" is 11 letters):
    // redrawing that would remove the keyword the rule is found by, so the next match is the secret.
    const value = text.slice(span[0], span[1]).toLowerCase();
    if (!keywords.some((k) => k.includes(value))) return span;
  }
  return undefined;
}

/** Shannon entropy in bits per character, as the rules' `entropy` gate measures it. */
function entropy(text) {
  const counts = new Map();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

const pick = (from, to) => String.fromCharCode(randomInt(from.charCodeAt(0), to.charCodeAt(0) + 1));

/** A value of the same shape: the prefix kept, each letter and digit redrawn within its class's range in the original. */
export function redraw(secret) {
  const prefix = /^[A-Za-z0-9]{1,10}[_.~-](?:[A-Za-z]{1,10}[_.~-])?/.exec(secret)?.[0] ?? '';
  const body = secret.slice(prefix.length);
  const range = (re) => {
    const chars = [...body].filter((c) => re.test(c)).sort();
    return chars.length ? [chars[0], chars[chars.length - 1]] : undefined;
  };
  const lower = range(/[a-z]/);
  const upper = range(/[A-Z]/);
  const digit = range(/[0-9]/);
  const fresh = [...body]
    .map((c) => {
      if (/[a-z]/.test(c)) return pick(...lower);
      if (/[A-Z]/.test(c)) return pick(...upper);
      if (/[0-9]/.test(c)) return pick(...digit);
      return c;
    })
    .join('');
  return prefix + fresh;
}

/** A file name the rule's path filters accept (its own `paths`, never a skipped one). */
function plantPath(rule, n) {
  const dir = `plant/${rule.id.replace(/[^a-z0-9.-]/g, '_')}/${n}`;
  const candidates = [
    'input.txt',
    '.env',
    'app.properties',
    'config.yaml',
    'Dockerfile',
    '.pypirc',
    '.netrc',
    '.git-credentials',
    'main.tf',
    'terraform.tfstate',
    '.pgpass',
    'settings.xml',
    'notes.txt',
    'chap-secrets',
    'userlist.txt',
    'client.ovpn',
    'settings.json',
    'build.gradle',
    'config/prod.exs',
    'wpa_supplicant.conf',
    '.msmtprc',
    'ipsec.secrets',
  ];
  const name = candidates.find(
    (c) => (!rule.paths || new RegExp(rule.paths, 'i').test(`${dir}/${c}`)) && !(rule.skipPaths && new RegExp(rule.skipPaths, 'i').test(`${dir}/${c}`)),
  );
  return `${dir}/${name ?? candidates[0]}`;
}

/**
 * Every built-in rule's examples as planted files: `{ ruleId, family, path, content, line, fresh }`, with
 * `line` the 1-based line the secret starts on (null for whole-file examples) and `fresh` whether the
 * secret was redrawn.
 */
export function plantedFromRules(rules, examplesDir) {
  const planted = [];
  for (const rule of rules) {
    const family = rule.id.split('.')[0];
    rule.examples.forEach((example, n) => {
      if (example.startsWith('file:') || example.startsWith('path:')) {
        const file = example.startsWith('file:') ? example.slice(5) : 'sample.pfx';
        const path = example.startsWith('path:') ? `plant/${rule.id}/${n}/${example.slice(5)}` : `${plantPath(rule, n).replace(/[^/]+$/, '')}${file}`;
        planted.push({ ruleId: rule.id, family, path, content: readFileSync(join(examplesDir, file)), line: null, fresh: false });
        return;
      }
      const span = rule.pattern ? secretSpan(rule, example) : undefined;
      let content = example;
      let fresh = false;
      if (span && !STRUCTURED.has(rule.validator)) {
        const secret = example.slice(span[0], span[1]);
        for (let draw = 0; draw < DRAWS && !fresh; draw++) {
          const value = redraw(secret);
          // A draw must pass the rule's own gates as a real value would: its pattern and its entropy floor.
          if (value === secret || (rule.entropy !== undefined && entropy(value) < rule.entropy)) continue;
          const candidate = example.slice(0, span[0]) + value + example.slice(span[1]);
          const again = secretSpan(rule, candidate);
          if (again && candidate.slice(again[0], again[1]) === value) {
            content = candidate;
            fresh = true;
          }
        }
      }
      const line = span ? example.slice(0, span[0]).split('\n').length : 1;
      planted.push({ ruleId: rule.id, family, path: plantPath(rule, n), content: `${content}\n`, line, fresh });
    });
  }
  return planted;
}
