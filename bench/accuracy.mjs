// Accuracy benchmark: plants every built-in rule's examples with fresh values of the same shape (generated
// from the rule data: bench/planted-from-rules.mjs) and hand-written tricky negatives into a temp tree,
// scans it, and reports recall and precision per provider; then counts false positives per 100 MB over
// real third-party code (the throughput corpus, built if missing).
// Usage (from a built checkout): node bench/accuracy.mjs [--skip-corpus]
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, CORPUS_DIR } from './corpus.mjs';
import { plantedFromRules } from './planted-from-rules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const hush = join(root, 'bundle/bin/hush.cjs');
const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const pick = (alphabet, n) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
const b62 = (n) => pick(B62, n);
const hex = (n) =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
const b64 = (n) => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', n);

/** Negatives: must produce no finding at all. */
function negatives(i) {
  const cert = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
  return [
    [`neg${i}/guids.json`, `{ "ClientId": "${randomUUID()}", "TenantId": "${randomUUID()}", "InstrumentationKey": "${randomUUID()}" }\n`],
    [
      `neg${i}/lock.json`,
      `{ "integrity": "sha512-${randomBytes(64).toString('base64')}", "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz", "commit": "${hex(40)}" }\n`,
    ],
    [`neg${i}/public.pem`, cert],
    [
      `neg${i}/placeholders.env`,
      'DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=<your-api-key>\nSECRET=changeme\nTOKEN=xxxxxxxxxxxxxxxxxxxx\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    ],
    [`neg${i}/refs.ts`, 'const token = process.env.GITHUB_TOKEN;\nconst secret = config.get("clientSecret");\nconst password = os.environ["DB_PASSWORD"];\n'],
    [`neg${i}/image.css`, `.logo { background: url(data:image/png;base64,${randomBytes(600).toString('base64')}); }\n`],
    [`neg${i}/hashes.txt`, `sha256: ${hex(64)}\ncommit ${hex(40)}\nmd5 ${hex(32)}\n`],
    [`neg${i}/tokens.ts`, 'type OpeningParenToken = Token<"(">;\nfunction nextToken(): Token { return this.tokens.shift(); }\n'],
    [`neg${i}/ids.json`, `{ "nextToken": "${b62(40)}", "ClientRequestToken": "${randomUUID()}", "passwordLastUsed": "2024-01-01T00:00:00Z" }\n`],
    // Issue 14's "must not get worse": look-alikes, placeholders, interpolation, regexes, publishable keys.
    [
      `neg${i}/lookalikes.env`,
      `GITHUB_TOKEN=ghp_${b62(12)}\nSTRIPE_SECRET=sk_live_${b62(8)}-${b62(8)}\nOPENAI_API_KEY=sk-proj-${b62(6)}\nPAYMENT_PUBLIC_KEY=live_pub_${hex(32)}\n`,
    ],
    [`neg${i}/interp.rb`, `db_password = "#{ENV['DB_PASSWORD']}"\napi_token = "#{credentials.fetch(:token_${i})}"\n`],
    [`neg${i}/interp.sh`, `PASSWORD="$(vault kv get -field=pw secret/app${i})"\nexport API_TOKEN="$(cat /run/secrets/token${i})"\n`],
    [`neg${i}/patterns.py`, `TOKEN_RE = re.compile("([a-zA-Z0-9]{40})")\napi_key_format = "[A-Za-z0-9_-]{32}"\n`],
    [`neg${i}/docs.md`, `git clone https://username:mypassword@git.contoso.com/repo${i}.git\nLogin with admin:REPLACE_WITH_PASSWORD\n`],
    [`neg${i}/defaults.js`, `const password = process.env.DB_PASSWORD || 'myPassword';\nconst port = process.env.PORT || '${8000 + i}';\n`],
    // Private keys (issue 14): placeholders, public material, a short cut and a broken test bundle stay quiet.
    [
      `neg${i}/keys.md`,
      `\`\`\`yaml\ntls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIEpAIBAAKCAQEA...\n    -----END RSA PRIVATE KEY-----\n\`\`\`\n"private_key": "-----BEGIN PRIVATE KEY-----\\n<your key>\\n-----END PRIVATE KEY-----\\n"\n`,
    ],
    [
      `neg${i}/public.json`,
      `{ "jwks_pem": ${JSON.stringify(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }))}, "caBundle": "${Buffer.from(cert).toString('base64')}" }\n`,
    ],
    [`neg${i}/cut.log`, `loaded key -----BEGIN PRIVATE KEY-----\\n${b64(60)}\\n[truncated]\n`],
    [`neg${i}/test/fixtures/client.p12`, Buffer.from(`3082010002010330820100`, 'hex')],
  ];
}

const tree = mkdtempSync(join(tmpdir(), 'hush-accuracy-'));
const planted = [];
try {
  const write = (path, content) => {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), content);
  };
  const { rules } = JSON.parse(readFileSync(join(root, 'packages/rules/dist/builtin.json'), 'utf8'));
  for (const p of plantedFromRules(rules, join(root, 'packages/rules/data/examples'))) {
    write(p.path, p.content);
    planted.push(p);
  }
  const families = [...new Set(planted.map((p) => p.family))];
  let negativeFiles = 0;
  for (let i = 0; i < 12; i++)
    for (const [path, content] of negatives(i)) {
      write(path, content);
      negativeFiles++;
    }
  /** hush exits 1 when it finds something: read its report either way. */
  const scan = (args) => JSON.parse(spawnSync(process.execPath, [hush, 'scan', ...args, '-f', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout);
  const report = scan([tree]);
  const familyOf = (ruleId) => ruleId.split('.')[0];
  // A planted whole file (a key file, a keystore) counts as found by any finding in it.
  const covers = (f, p) => f.path === p.path && (p.line === null || (f.line <= p.line && f.endLine >= p.line));
  const rows = [];
  for (const family of families) {
    const expected = planted.filter((p) => p.family === family);
    const found = report.findings.filter((f) => familyOf(f.ruleId) === family);
    const tp = expected.filter((p) => report.findings.some((f) => covers(f, p))).length;
    const correct = found.filter((f) => planted.some((p) => covers(f, p))).length;
    if (!expected.length && !found.length) continue;
    rows.push({
      family,
      planted: expected.length,
      recall: expected.length ? tp / expected.length : 1,
      findings: found.length,
      precision: found.length ? correct / found.length : 1,
    });
  }
  const negativeHits = report.findings.filter((f) => f.path.startsWith('neg'));
  const total = {
    planted: planted.length,
    tp: planted.filter((p) => report.findings.some((f) => covers(f, p))).length,
    findings: report.findings.length,
  };
  const correct = report.findings.filter((f) => planted.some((p) => covers(f, p))).length;
  const missed = planted.filter((p) => !report.findings.some((f) => covers(f, p)));

  let corpusLine = 'corpus: skipped (--skip-corpus)';
  let fpPer100 = null;
  if (!process.argv.includes('--skip-corpus')) {
    const corpus = buildCorpus(CORPUS_DIR, (m) => console.error(`[accuracy] ${m}`));
    const bytes = Number(
      execFileSync('sh', ['-c', `find "${corpus}" -type f -not -path '*/planted/*' -printf '%s\\n' | awk '{s+=$1} END {print s}'`], { encoding: 'utf8' }),
    );
    const corpusReport = scan([corpus, '--exclude', 'planted/**', '--max-file-size', '104857600']);
    fpPer100 = corpusReport.findings.length / (bytes / (100 * 1048576));
    corpusLine = `real third-party code: ${corpusReport.findings.length} findings in ${(bytes / 1048576).toFixed(0)} MB = ${fpPer100.toFixed(2)} false positives per 100 MB (every finding there is false: nobody planted secrets in it)`;
  }
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `Planted: ${planted.length} secrets from the examples of ${rules.length} rules (${planted.filter((p) => p.fresh).length} with a freshly drawn value, the rest as written: checksummed or structured formats and whole files), ${families.length} providers; ${negativeFiles} tricky negative files (GUIDs, hashes, SRI, public keys, placeholders, example keys, env references, data URIs, token-named identifiers).`,
    '',
    '| family | planted | recall | findings | precision |',
    '|---|---|---|---|---|',
    // Providers at 100% on both counts are summed into one row: the table shows what needs a look.
    ...rows
      .filter((r) => r.recall < 1 || r.precision < 1)
      .map((r) => `| ${r.family} | ${r.planted} | ${pct(r.recall)} | ${r.findings} | ${pct(r.precision)} |`),
    `| ${rows.filter((r) => r.recall === 1 && r.precision === 1).length} other providers | ${rows.filter((r) => r.recall === 1 && r.precision === 1).reduce((n, r) => n + r.planted, 0)} | 100.0% | ${rows.filter((r) => r.recall === 1 && r.precision === 1).reduce((n, r) => n + r.findings, 0)} | 100.0% |`,
    `| **all** | ${total.planted} | **${pct(total.tp / total.planted)}** | ${total.findings} | **${pct(total.findings ? correct / total.findings : 1)}** |`,
    '',
    `Missed: ${missed.length ? missed.map((p) => `${p.ruleId} (${p.path})`).join(', ') : 'none'}.`,
    `Findings in negative files: ${negativeHits.length}${negativeHits.length ? ` (${negativeHits.map((f) => `${f.ruleId} in ${f.path}`).join(', ')})` : ''}.`,
    corpusLine,
    '',
    `targets: recall ≥ 97% ${total.tp / total.planted >= 0.97 ? 'met' : 'MISSED'}; precision ≥ 97% ${correct / Math.max(1, total.findings) >= 0.97 ? 'met' : 'MISSED'}; ≤ 1 false positive per 100 MB ${fpPer100 === null ? 'not measured' : fpPer100 <= 1 ? 'met' : 'MISSED'}`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(join(root, '.bench-out'), { recursive: true });
  writeFileSync(join(root, '.bench-out/accuracy.md'), `${lines.join('\n')}\n`);
} finally {
  rmSync(tree, { recursive: true, force: true });
}
