// The generic detector, eleventh round, through the real built CLI: C#, VB.NET and C++ collection
// initializer entries; a bare `Key` nested under a Jwt, Token, Signing or Encryption object; php.ini and
// Postfix `_pw` names; Redis client `auth` calls and redis-cli; short passwords (8 to 11 characters) told by
// their character mix; and the credential files of pppd, PgBouncer and OpenVPN. Every value here is
// generated for this file.
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

describe('generic detector, eleventh round', () => {
  it('finds C#, VB.NET and C++ collection initializer entries and C# index and pair forms', () => {
    const found = findings({
      'Startup.cs': [
        'var creds = new Dictionary<string, string>',
        '{',
        '    { "Endpoint", "https://api.shop.io" },',
        `    { "client_secret", "${secret('cs-brace')}" },`,
        '};',
        `creds["ApiKey"] = "${secret('cs-index')}";`,
        `var pair = new KeyValuePair<string, string>("password", "${secret('cs-pair')}");`,
      ].join('\n'),
      'Headers.vb': `Dim headers As New Dictionary(Of String, String) From {{"X-Api-Key", "${secret('vb')}"}}\n`,
      'client.cpp': `std::map<std::string, std::string> creds = {{"user", "svc"}, {"password", "${secret('cpp')}"}};\n`,
    });
    expect(located(found)).toEqual([
      ['Headers.vb', 1, 'generic.collection-initializer-secret'],
      ['Startup.cs', 4, 'generic.collection-initializer-secret'],
      ['Startup.cs', 6, 'generic.credential-assignment'],
      ['Startup.cs', 7, 'generic.credential-assignment'],
      ['client.cpp', 1, 'generic.collection-initializer-secret'],
    ]);
  });

  it('stays quiet on initializer entries holding variables, hints, digests, placeholders and Go test tables', () => {
    const found = findings({
      'Lookalikes.cs': [
        '{ "password", password },',
        `{ "password_hint", "${secret('hint')}" },`,
        `{ "secret", "${value('digest', 64, HEX)}" },`,
        '{ "ApiKey", "<your-api-key>" },',
      ].join('\n'),
      // Go's braces hold positional struct fields: an input and its expected output.
      'scramble_test.go': `var vectors = []struct{ in, out string }{\n\t{"secret", "${secret('go')}"},\n}\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a Key under a Jwt, token or signing object in appsettings.json, object literals and YAML; strong leaf names anywhere', () => {
    const found = findings({
      'appsettings.json': [
        '{',
        '  "Jwt": {',
        '    "Issuer": "https://shop.io",',
        '    "Audience": "shop-api",',
        `    "Key": "${secret('jwt-json', 22)}"`,
        '  },',
        `  "JwtSettings": { "Secret": "${secret('jwt-settings', 22)}" },`,
        '  "Authentication": {',
        '    "Google": {',
        `      "ClientId": "${value('google-id', 12, '0123456789')}-${value('google-app', 32, 'abcdefghijklmnopqrstuvwxyz0123456789')}.apps.googleusercontent.com",`,
        `      "ClientSecret": "${secret('google', 22)}"`,
        '    }',
        '  }',
        '}',
      ].join('\n'),
      'config.ts': `export const config = { signing: { algorithm: 'HS256', key: '${secret('signing-ts', 22)}' } };\n`,
      'application.yml': `app:\n  token:\n    ttl: 3600\n    key: ${secret('token-yaml', 22)}\n`,
    });
    expect(located(found)).toEqual([
      ['application.yml', 4, 'generic.nested-context-key'],
      ['appsettings.json', 5, 'generic.nested-context-key'],
      ['appsettings.json', 7, 'generic.credential-assignment'],
      // Beside a Google client id, the secret is Google's.
      ['appsettings.json', 11, 'gcp.oauth-client-secret-legacy'],
      ['config.ts', 1, 'generic.nested-context-key'],
    ]);
  });

  it('stays quiet on a Key in ordinary JSON, under public or verification keys, or taken from elsewhere', () => {
    const found = findings({
      'appsettings.json': `{\n  "Cache": { "Key": "${secret('cache', 22)}" },\n  "jwt_public": { "Key": "${secret('public', 22)}" },\n  "Jwt": { "Key": "\${JWT_SIGNING_KEY}" }\n}\n`,
      'messages.json': `{ "auth": { "title": "Sign in", "key": "auth.login.title.v2" } }\n`,
      'application.yml': 'jwt:\n  issuer: shop\n  key: ${JWT_KEY}\n',
      'login.py': `if token:\n    key = lookup(token)\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds php.ini, php-fpm and Postfix `_pw` names', () => {
    const found = findings({
      'php.ini': `[MySQLi]\nmysqli.default_user = shop\nmysqli.default_pw = ${secret('php-ini')}\n`,
      'www.conf': `[www]\nphp_admin_value[mysqli.default_pw] = ${secret('php-fpm')}\n`,
      'ldap-aliases.cf': `server_host = ldap://ldap01.shop.io\nbind_dn = cn=postfix,dc=shop,dc=io\nbind_pw = ${secret('postfix')}\n`,
    });
    expect(located(found)).toEqual([
      ['ldap-aliases.cf', 3, 'generic.credential-assignment-config'],
      ['php.ini', 3, 'generic.credential-assignment-config'],
      ['www.conf', 2, 'generic.credential-assignment-config'],
    ]);
  });

  it('stays quiet on empty and word-valued `_pw` settings', () => {
    const found = findings({
      'php.ini': '[MySQLi]\nmysqli.default_pw =\nmysqli.default_socket = /run/mysqld/mysqld.sock\n',
      'app.ini': 'hide_pw = enabled_for_all_users\nshow_pw = false\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds Redis passwords in client auth calls, raw AUTH commands and redis-cli', () => {
    const found = findings({
      'cache.lua': `local red = redis:new()\nlocal ok, err = red:auth("${secret('lua')}")\n`,
      'Cache.java': `try (Jedis jedis = pool.getResource()) {\n    jedis.auth("${secret('jedis')}");\n}\n`,
      'reports.py': `r.execute_command('AUTH', 'reports', '${secret('raw-auth')}')\n`,
      'flush.sh': [
        '#!/bin/sh',
        `redis-cli -h cache01.shop.io -a ${secret('cli-a')} --no-auth-warning FLUSHDB`,
        `echo "AUTH ${secret('piped')}" | redis-cli -h cache01.shop.io`,
        `export REDISCLI_AUTH=${secret('rediscli-auth')}`,
      ].join('\n'),
      'session.txt': `cache01.shop.io:6380> AUTH ${secret('prompt')}\nOK\n`,
    });
    expect(located(found)).toEqual([
      ['Cache.java', 2, 'generic.redis-auth-command'],
      ['cache.lua', 2, 'generic.redis-auth-command'],
      ['flush.sh', 2, 'generic.redis-auth-command'],
      ['flush.sh', 3, 'generic.redis-auth-command'],
      ['flush.sh', 4, 'generic.redis-auth-command'],
      ['reports.py', 1, 'generic.redis-auth-command'],
      ['session.txt', 1, 'generic.redis-auth-command'],
    ]);
  });

  it('stays quiet on Redis auth from variables, other receivers and placeholders', () => {
    const found = findings({
      'cache.lua': 'local ok, err = red:auth(os.getenv("REDIS_PASSWORD"))\n',
      'admin.js': `admin.auth("${secret('admin')}");\n`,
      'flush.sh':
        'redis-cli -h cache01.shop.io -a "$REDIS_PASSWORD" ping\nredis-cli -a <password> ping\nredis-cli -h cache01.shop.io ping\nexport REDISCLI_AUTH="$(cat /run/secrets/redis)"\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds short passwords (8 characters) that mix character classes, in code and configuration', () => {
    const found = findings({
      'db.py': `conn = connect(host='db01', user='shop', password='${shortPassword('py')}')\n`,
      'DataSource.java': `dataSource.setPassword("${shortPassword('java')}");\n`,
      '.env': `DB_USER=shop\nDB_PASSWORD=${shortPassword('env')}\n`,
      'application.properties': `spring.datasource.password=${shortPassword('props')}\n`,
    });
    expect(located(found)).toEqual([
      ['.env', 2, 'generic.short-password-config'],
      ['DataSource.java', 1, 'generic.short-password'],
      ['application.properties', 1, 'generic.short-password-config'],
      ['db.py', 1, 'generic.short-password'],
    ]);
  });

  it('stays quiet on short words with digits, leet words, walks, names, paths, single-class values and other names', () => {
    const found = findings({
      'settings.py': [
        'PASSWORD = "Summer2024"',
        'DB_PASSWORD = "P@ssw0rd1"',
        'ADMIN_PASSWORD = "Welcome1!"',
        'password = "Abc123xyz"',
        'password = "QwErTy12"',
        `pwd = "${value('hex-pwd', 8, HEX)}"`,
        `password_min_length = "${shortPassword('min')}"`,
        `token = "${shortPassword('token')}"`,
        'owner_password = "JohnDoe1"',
        'PASSWD = "db01:5432"',
      ].join('\n'),
      'deploy.env': 'DB_PASSWORD=Winter2025\nREDIS_PASSWORD=${REDIS_PASSWORD}\n',
      // The working directory, not a password.
      'build.sh': 'OLDPWD=/srv/app2\nPWD=/srv/app2/build\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds pppd chap/pap-secrets, PgBouncer userlist.txt, OpenVPN inline credentials and .pgpass lines', () => {
    const found = findings({
      'etc/ppp/chap-secrets': `# Secrets for authentication using CHAP\n# client\tserver\tsecret\tIP addresses\nbranch7\t*\t${secret('chap')}\t*\n`,
      'etc/ppp/pap-secrets': `"vpn-ops" pptpd "${secret('pap')}" 10.8.0.12\n`,
      'pgbouncer/userlist.txt': `"pgbouncer" "md5${value('md5', 32, HEX)}"\n"orders" "${secret('pgbouncer')}"\n`,
      'branch7.ovpn': `client\nremote vpn.shop.io 1194\n<auth-user-pass>\nbranch7\n${secret('ovpn')}\n</auth-user-pass>\n`,
      '.pgpass': `db01.shop.io:5432:orders:app:${secret('pgpass')}\n`,
    });
    expect(located(found)).toEqual([
      ['.pgpass', 1, 'config.pgpass'],
      ['branch7.ovpn', 5, 'config.openvpn-inline-auth'],
      ['chap-secrets', 3, 'config.ppp-secrets'],
      ['pap-secrets', 1, 'config.ppp-secrets'],
      ['userlist.txt', 2, 'config.pgbouncer-userlist'],
    ]);
  });

  it('stays quiet on their headers, file references, stored verifiers and the same lines in other files', () => {
    const found = findings({
      'etc/ppp/chap-secrets': '# Secrets for authentication using CHAP\n# client\tserver\tsecret\tIP addresses\nbranch7 * @/etc/ppp/branch7.secret *\n',
      'pgbouncer/userlist.txt': `"orders" "SCRAM-SHA-256$4096:${value('salt', 24)}=$${value('stored', 43)}=:${value('server', 43)}="\n"reports" "<password>"\n`,
      'branch7.ovpn': 'client\nauth-user-pass /etc/openvpn/branch7.creds\n',
      'notes.txt': `branch7 * ${secret('notes')} *\n"orders" "${secret('notes-pgb')}"\n`,
    });
    expect(located(found)).toEqual([]);
  });
});
