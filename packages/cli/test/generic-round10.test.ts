// The generic detector, tenth round, through the real built CLI: a dotted random value (three base64url
// segments, as Discord and other signed tokens are written) is no host name or dotted identifier; a
// fallback for a secret environment variable that a formatter put on the next line; `*_KEY` names beyond
// api/access/private/auth in those fallbacks; a service's key by the service's name (`stripe_key`,
// `algoliaKey`, `MAILGUN_KEY=` in a .env); base64 of plain text is no key. Every value here is generated
// for this file.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { BASE62, HEX, LOWER_ALNUM, locatedFindings, scanFiles, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);
const located = locatedFindings;
const dotted = (seed: string) => `${value(`${seed}-a`, 24)}.${value(`${seed}-b`, 6)}.${value(`${seed}-c`, 27)}9x`;

describe('generic detector, tenth round', () => {
  it('takes a dotted random value given to a secret name, and still no host name or dotted name', () => {
    const found = findings({
      'bot.yaml': `api:\n  bot_secret: "${dotted('yaml')}"\n  base_url: "https://api.example.com"\n`,
      'settings.py': `SIGNING_TOKEN = '${dotted('py')}'\n`,
      'lookalikes.yaml': [
        'token_endpoint_secret: "auth.eu-west-1.shop-internal.example.com"',
        'secret_host: "vault.prod.shop.io:8200"',
        'token: "config.services.payments.apiToken"',
        'password: "settings.db.primary.v2.password"',
      ].join('\n'),
    });
    expect(located(found)).toEqual([
      ['bot.yaml', 2, 'generic.credential-assignment'],
      ['settings.py', 1, 'generic.credential-assignment'],
    ]);
  });

  it('finds a fallback literal on the line after `process.env.X ||`, for any *_KEY name that says secret', () => {
    const fallback = value('storage', 86, `${BASE62}+/`);
    const found = findings({
      'storage.ts': `export const key =\n  process.env.SHOP_ACCOUNT_KEY ||\n  "${value('shop', 40)}7q";\n`,
      // An Azure storage key's own shape (64 bytes in base64) is the Azure rule's.
      'azure.ts': `export const key =\n  process.env.STORAGE_ACCOUNT_KEY ||\n  "${fallback}==";\n`,
      'signing.ts': `const signingKey = process.env.JWT_SIGNING_KEY ?? "${value('jwt', 32)}7q";\n`,
      'lookalikes.ts': [
        `const cacheKey = process.env.CACHE_KEY || "${value('cache', 24)}";`,
        'const region = process.env.AWS_REGION ||\n  "eu-west-1";',
        'const token = process.env.API_TOKEN ||\n  process.env.FALLBACK_TOKEN;',
        // The Cosmos DB emulator's key, which Microsoft publishes for local development.
        'const key =\n  process.env.COSMOS_ACCOUNT_KEY ||\n  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";',
      ].join('\n'),
    });
    expect(located(found)).toEqual([
      ['azure.ts', 3, 'azure.storage-account-key-context'],
      ['signing.ts', 1, 'generic.env-fallback-code'],
      ['storage.ts', 3, 'generic.env-fallback-code'],
    ]);
  });

  it('leaves a Harness-shaped value the Harness rule rejected to that rule, as other provider prefixes', () => {
    const found = findings({
      'ci.env': `HARNESS_TOKEN='pat.${value('acct', 22)}.${value('id', 24)}.${value('short', 15)}'\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('takes a key named after its service, quoted in code or unquoted in configuration, when the value is random', () => {
    const key = (seed: string) => `${value(seed, 22)}4q`;
    const found = findings({
      'billing.ts': `export const config = {\n  stripe_key: "${key('stripe')}",\n  algoliaKey: '${key('algolia')}',\n};\n`,
      'settings.json': `{ "mailgun-key": "${value('mailgun', 32, HEX)}" }\n`,
      '.env': `MAILGUN_KEY=${key('env')}\nCACHE_KEY=${key('cache')}\n`,
      'app.yaml': `search:\n  algolia_key: ${key('yaml')}\n`,
      'lookalikes.ts': [
        `const cacheKey = "${key('cache-ts')}";`,
        `const sortKey = "createdAtDescending";`,
        `const publicKey = "${key('public')}";`,
        `const ssh_host_key = "${key('host')}";`,
        `const monkey = "${key('monkey')}";`,
        `const salesforce_key = "3MVG${value('sf', 30)}";`,
        `const s3_key = "uploads/2024/12/${value('file', 12)}.png";`,
        `const region_key = "eu-west-1";`,
        `const stripe_key = process.env.STRIPE_KEY;`,
      ].join('\n'),
      // Unquoted values count only in configuration files, the name starting the line.
      'notes.txt': `[DEBUG] Using SHOP_KEY=${key('log')}\n`,
    });
    expect(located(found)).toEqual([
      ['.env', 1, 'generic.named-key-config'],
      ['app.yaml', 2, 'generic.named-key-config'],
      ['billing.ts', 2, 'generic.named-key-assignment'],
      ['billing.ts', 3, 'generic.named-key-assignment'],
      ['settings.json', 1, 'generic.named-key-assignment'],
    ]);
  });

  it('reports no base64 of plain text as a key, but still base64 of random bytes', () => {
    const prose = Buffer.from('Hello from the shop example service').toString('base64');
    const random = Buffer.from(value('bytes', 24, HEX), 'hex').toString('base64');
    const found = findings({
      'keys.ts': `const rawKey = "${prose}";\nconst signingKey = "${random}";\n`,
    });
    expect(located(found)).toEqual([['keys.ts', 2, 'generic.credential-assignment']]);
  });

  it('reads a credential-named value written with its scheme (`"Bearer …"`), and takes interleaved walks for placeholders', () => {
    const found = findings({
      'client.go': `crmAuthToken := "Bearer ${value('crm', 30)}7q"\n`,
      'settings.yaml': `api:\n  auth_token: "Token ${value('yaml', 28)}7q"\n`,
      'lookalikes.go': [
        'shopSecret := "Bearer abcD$1234-ef56-gH78-ij90-klmn1234opqr"',
        'shopToken := "Bearer mnoP5678-qr90-sT12-uv34-wxyz5678abcd"',
        'apiToken := "Bearer " + token',
      ].join('\n'),
    });
    expect(located(found)).toEqual([
      ['client.go', 1, 'generic.credential-assignment'],
      ['settings.yaml', 2, 'generic.credential-assignment'],
    ]);
  });

  it('takes `key` alone under a YAML mapping or a TOML/INI section named after its service', () => {
    const key = (seed: string) => `${value(seed, 22)}4q`;
    const found = findings({
      'config.yaml': `payments:\n  stripe:\n    account: shop-eu\n    key: ${key('stripe')}\n`,
      'mail.toml': `[mailgun]\ndomain = "mg.shop.io"\nkey = "${key('mailgun')}"\n`,
      'lookalikes.yaml': [
        'cache:',
        `  key: ${key('cache')}`,
        'ssh:',
        `  key: ${key('ssh')}`,
        'stripe:',
        '  key: ${STRIPE_KEY}',
        'i18n:',
        `  key: ${key('i18n')}`,
        'search:',
        '  key: product-title-2024',
      ].join('\n'),
      // Outside configuration files a bare `key:` line is no evidence.
      'notes.txt': `stripe:\n  key: ${key('notes')}\n`,
    });
    expect(located(found)).toEqual([
      ['config.yaml', 4, 'generic.nested-key-config'],
      ['mail.toml', 3, 'generic.nested-key-config'],
    ]);
  });

  it('takes `"key"` inside a JSON object named after its service', () => {
    const key = (seed: string) => `${value(seed, 22)}4q`;
    const found = findings({
      'appsettings.json': `{\n  "Mailgun": {\n    "Domain": "mg.shop.io",\n    "Key": "${key('mailgun')}"\n  }\n}\n`,
      'lookalikes.json': `{ "cache": { "key": "${key('cache')}" }, "i18n": { "key": "${key('i18n')}" }, "stripe": { "key": "\${STRIPE_KEY}" } }\n`,
    });
    expect(located(found)).toEqual([['appsettings.json', 4, 'generic.nested-key-json']]);
  });

  it('reads Docker files named after their image, tells a random value from a kebab-case name, and passes publishable keys', () => {
    const found = findings({
      'api.Dockerfile': `FROM node:20\nENV SHOP_API_TOKEN=${value('docker', 26)}7q\n`,
      'settings.py': `SHOP_API_TOKEN = "nq-${value('kebab', 30, LOWER_ALNUM)}"\n`,
      'lookalikes.py': ['REGION_TOKEN = "eu-west-1-shop-tokens-v2"', `LOB_TOKEN = "live_pub_${value('lob', 31, HEX)}"`].join('\n'),
    });
    expect(located(found)).toEqual([
      ['api.Dockerfile', 2, 'generic.credential-assignment-config'],
      ['settings.py', 1, 'generic.credential-assignment'],
    ]);
  });
});
