// The generic detector, twelfth round, through the real built CLI: numbered names in collection
// initializers; a Key as far below its Jwt or signing parent as the nested-key rules reach; short passwords
// given to a `pass` name; a service named in camel case whose last part is a listed word only in part
// (`HashnodeKey`); comment lines between an INI or YAML section and its key. Every value here is generated
// for this file.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { BASE62, HEX, generatedSecret, locatedFindings, scanFiles, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);
const secret = generatedSecret;
const located = locatedFindings;

const UPPER = BASE62.slice(0, 26);
const LOWER = BASE62.slice(26, 52);
const DIGITS = BASE62.slice(52);
/** An 8-character password that mixes upper case, lower case and digits, one class after another. */
const shortPassword = (seed: string) =>
  [UPPER, LOWER, DIGITS, LOWER, UPPER, DIGITS, LOWER, UPPER].map((alphabet, i) => value(`${seed}-${i}`, 1, alphabet)).join('');

/** A sibling setting's value: long, and no secret (lower-case letters only). */
const filler = (seed: string, length: number) => value(seed, length, 'abcdefghijklmnopqrstuvwxyz');

describe('generic detector, twelfth round', () => {
  it('finds collection initializer entries whose secret name carries a number', () => {
    const found = findings({
      'Startup.cs': [
        'var creds = new Dictionary<string, string>',
        '{',
        `    { "password1", "${secret('cs-password1')}" },`,
        `    {"Password_2", "${secret('cs-password2')}"},`,
        `    { "apiKey2", "${secret('cs-apikey2')}" },`,
        '};',
      ].join('\n'),
      'Headers.vb': `Dim headers As New Dictionary(Of String, String) From {{"client_secret_1", "${secret('vb')}"}}\n`,
      'client.cpp': `std::map<std::string, std::string> creds = {{"user", "svc"}, {"token12", "${secret('cpp')}"}};\n`,
    });
    expect(located(found)).toEqual([
      ['Headers.vb', 1, 'generic.collection-initializer-secret'],
      ['Startup.cs', 3, 'generic.collection-initializer-secret'],
      ['Startup.cs', 4, 'generic.collection-initializer-secret'],
      ['Startup.cs', 5, 'generic.collection-initializer-secret'],
      ['client.cpp', 1, 'generic.collection-initializer-secret'],
    ]);
  });

  it('stays quiet on numbered entries that name no secret, hold variables, hints or digests, and on Go test tables', () => {
    const found = findings({
      'Lookalikes.cs': [
        `{ "key1", "${secret('key1')}" },`,
        `{ "page_token2", "${secret('page-token')}" },`,
        `{ "password_hint1", "${secret('hint')}" },`,
        '{ "password1", password1 },',
        `{ "secret2", "${value('digest', 64, HEX)}" },`,
        '{ "ApiKey3", "<your-api-key>" },',
        `{ "monkey2", "${secret('monkey')}" },`,
      ].join('\n'),
      'vectors_test.go': `var vectors = []struct{ in, out string }{\n\t{"secret1", "${secret('go')}"},\n}\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a Key as far below its Jwt, token or signing parent as the nested-key rules reach (six long sibling lines)', () => {
    // Six settings of about 130 characters each: the key starts 790 characters or so after its parent's line
    // (generic.nested-key-config reads 800 characters around its keyword).
    const yamlSiblings = Array.from({ length: 6 }, (_, i) => `    setting${i}: ${filler(`yaml-${i}`, 116)}\n`).join('');
    const jsonSiblings = Array.from({ length: 6 }, (_, i) => `    "Setting${i}": "${filler(`json-${i}`, 111)}",\n`).join('');
    const tsSiblings = Array.from({ length: 6 }, (_, i) => `    setting${i}: '${filler(`ts-${i}`, 113)}',\n`).join('');
    const files = {
      'application.yml': `app:\n  jwt:\n${yamlSiblings}    key: ${secret('far-yaml', 22)}\n`,
      'appsettings.json': `{\n  "Jwt": {\n${jsonSiblings}    "Key": "${secret('far-json', 22)}"\n  }\n}\n`,
      'config.ts': `export const config = {\n  signing: {\n${tsSiblings}    key: '${secret('far-ts', 22)}',\n  },\n};\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      const parentLineEnd = text.indexOf('\n', text.search(/jwt|signing/i));
      const distance = text.search(/\bkey\b/i) - parentLineEnd;
      expect(distance, name).toBeGreaterThan(780);
      expect(distance, name).toBeLessThanOrEqual(800);
    }
    expect(located(findings(files))).toEqual([
      ['application.yml', 9, 'generic.nested-context-key'],
      ['appsettings.json', 9, 'generic.nested-context-key'],
      ['config.ts', 9, 'generic.nested-context-key'],
    ]);
  });

  it('stays quiet on a Key that far below a parent of another name, or below a Jwt object that has closed', () => {
    const yamlSiblings = Array.from({ length: 6 }, (_, i) => `    setting${i}: ${filler(`yaml-${i}`, 116)}\n`).join('');
    const found = findings({
      'application.yml': `app:\n  cache:\n${yamlSiblings}    key: ${secret('cache-yaml', 22)}\n`,
      'other.yml': `jwt:\n  issuer: https://shop.io\ncache:\n${yamlSiblings}  key: ${secret('closed-yaml', 22)}\n`,
      'appsettings.json': `{\n  "Jwt": { "Issuer": "https://shop.io" },\n  "Cache": {\n    "Region": "${filler('region', 100)}",\n    "Key": "${secret('closed-json', 22)}"\n  }\n}\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a Key under a Jwt, token or signing parent after comment lines', () => {
    const found = findings({
      'appsettings.json': `{\n  "Jwt": {\n    "Issuer": "https://shop.io",\n    // rotated in March\n    "Key": "${secret('commented-json', 22)}"\n  }\n}\n`,
      'config.ts': `export const config = {\n  signing: {\n    // HS256 only\n    key: '${secret('commented-ts', 22)}',\n  },\n};\n`,
      'application.yml': `jwt:\n  issuer: shop\n  # rotated in March\n  key: ${secret('commented-yaml', 22)}\n`,
    });
    expect(located(found)).toEqual([
      ['application.yml', 4, 'generic.nested-context-key'],
      ['appsettings.json', 5, 'generic.nested-context-key'],
      ['config.ts', 4, 'generic.nested-context-key'],
    ]);
  });

  it('stays quiet on a commented-out Key under a Jwt or signing parent', () => {
    const found = findings({
      'appsettings.json': `{\n  "Jwt": {\n    "Issuer": "https://shop.io"\n    // "Key": "${secret('old-json', 22)}"\n  }\n}\n`,
      'config.ts': `export const config = {\n  signing: {\n    // key: '${secret('old-ts', 22)}',\n  },\n};\n`,
      'application.yml': `jwt:\n  issuer: shop\n  # key: ${secret('old-yaml', 22)}\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds short passwords given to a separate `pass` word in code and configuration', () => {
    const found = findings({
      '.env': `DB_USER=shop\nDB_PASS=${shortPassword('env')}\n`,
      'mail.properties': `smtp_user=shop\nsmtp_pass=${shortPassword('props')}\n`,
      'group_vars/all.yml': `ansible_user: deploy\nansible_become_pass: ${shortPassword('ansible')}\n`,
      'db.php': `<?php\n$db_pass = '${shortPassword('php')}';\n`,
      'mailer.js': `const transport = createTransport({ auth: { user: 'shop', pass: '${shortPassword('js')}' } });\n`,
      'settings.py': `SMTP_PASS = "${shortPassword('py')}"\n`,
    });
    expect(located(found)).toEqual([
      ['.env', 2, 'generic.short-password-config'],
      ['db.php', 2, 'generic.short-password'],
      ['all.yml', 2, 'generic.short-password-config'],
      ['mail.properties', 2, 'generic.short-password-config'],
      ['mailer.js', 1, 'generic.short-password'],
      ['settings.py', 1, 'generic.short-password'],
    ]);
  });

  it('stays quiet on `pass` inside longer words and on other password settings', () => {
    const found = findings({
      'settings.py': [
        `bypass = "${shortPassword('bypass')}"`,
        `compass = "${shortPassword('compass')}"`,
        `passport = "${shortPassword('passport')}"`,
        `passthrough = "${shortPassword('passthrough')}"`,
        `password_policy = "${shortPassword('policy')}"`,
        'def close(self):',
        '    pass',
      ].join('\n'),
      'app.env': `BYPASS=${shortPassword('env-bypass')}\nPASSTHROUGH=${shortPassword('env-through')}\nDB_PASS=Summer2024\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a key named after its service in every case style, where a listed word is only part of the service name', () => {
    const found = findings({
      'blog.py': [
        `hashnode_key = "${secret('snake')}"`,
        `HASHNODE_KEY = "${secret('const')}"`,
        `hashnodeKey = "${secret('camel')}"`,
        `HashnodeKey = "${secret('pascal')}"`,
        `ghostKey = "${secret('ghost')}"`,
      ].join('\n'),
      '.env': `HASHNODE_KEY=${secret('env')}\n`,
    });
    expect(located(found)).toEqual([
      ['.env', 1, 'generic.named-key-config'],
      ['blog.py', 1, 'generic.named-key-assignment'],
      ['blog.py', 2, 'generic.named-key-assignment'],
      ['blog.py', 3, 'generic.named-key-assignment'],
      ['blog.py', 4, 'generic.named-key-assignment'],
      ['blog.py', 5, 'generic.named-key-assignment'],
    ]);
  });

  it('stays quiet on keys whose name is a listed word, in every case style and as a later camel-case part', () => {
    const found = findings({
      'tree.py': [
        `nodeKey = "${secret('node-camel')}"`,
        `node_key = "${secret('node-snake')}"`,
        `NODE_KEY = "${secret('node-const')}"`,
        `cacheKey = "${secret('cache')}"`,
        `CacheKey = "${secret('cache-pascal')}"`,
        `parentNodeKey = "${secret('parent-node')}"`,
        `stripeHostKey = "${secret('host')}"`,
        `SSHHostKey = "${secret('ssh-host')}"`,
      ].join('\n'),
      '.env': `NODE_KEY=${secret('env-node')}\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a key below its INI, TOML or YAML section after comment and blank lines', () => {
    const found = findings({
      'billing.ini': `[postmark]\n; rotated in March\n\nkey = ${secret('ini')}\n`,
      'mail.toml': `[sendgrid]\nfrom = "shop@shop.io"\n# the live key\nkey = "${secret('toml')}"\n`,
      'services.yml': `mailgun:\n  domain: mg.shop.io\n  # the live key\n  key: ${secret('yaml')}\n`,
    });
    expect(located(found)).toEqual([
      ['billing.ini', 4, 'generic.nested-key-config'],
      ['mail.toml', 4, 'generic.nested-key-config'],
      ['services.yml', 4, 'generic.nested-key-config'],
    ]);
  });

  it('stays quiet on a commented-out key below its section', () => {
    const found = findings({
      'billing.ini': `[postmark]\n;key = ${secret('ini-semicolon')}\n# key = ${secret('ini-hash')}\n`,
      'mail.toml': `[sendgrid]\n# key = "${secret('toml')}"\n`,
      'services.yml': `mailgun:\n  # key: ${secret('yaml')}\n`,
      'cache.ini': `[cache]\n; the cache's key\nkey = ${secret('cache')}\n`,
    });
    expect(located(found)).toEqual([]);
  });
});
