// The generic detector, eighth round, through the real built CLI: a password passed to a login or
// connection call after the user (Go, Rust, Ruby, OkHttp, JDBC, PHP, Perl), a `user:password` literal
// encoded for Basic authentication, a key in a URL's query string, Kotlin and Scala map pairs, and
// unquoted values in Makefiles, MySQL option files, direnv and shell start-up files and Dockerfile
// `ENV NAME value`. Every value here is generated for this file.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { BASE62, generatedSecret, locatedFindings, scanFiles, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);
const secret = generatedSecret;
const located = locatedFindings;

describe('generic detector, eighth round', () => {
  it('finds a password passed after the user to a login, Basic-auth or database connection call', () => {
    const found = findings({
      'main.go': `package main\n\nfunc get(req *http.Request) {\n\treq.SetBasicAuth("admin", "${secret('go-basic')}")\n}\n`,
      'client.rs': `let resp = client.get(url).basic_auth("admin", Some("${secret('rs-basic')}")).send().await?;\n`,
      'http.rb': `req = Net::HTTP::Get.new(uri)\nreq.basic_auth 'deploy', '${secret('rb-basic')}'\n`,
      'Okhttp.kt': `val credential = Credentials.basic("svc", "${secret('okhttp')}")\n`,
      'Db.java': `class Db {\n  Connection open() throws SQLException {\n    return DriverManager.getConnection("jdbc:postgresql://db01:5432/shop", "shop", "${secret('jdbc')}");\n  }\n}\n`,
      'db.php': `<?php\n$pdo = new PDO('mysql:host=db01;dbname=shop', 'shop', '${secret('pdo')}');\n$conn = mysqli_connect('db01', 'shop', '${secret('mysqli')}', 'shop');\n`,
      'db.pl': `my $dbh = DBI->connect($dsn, 'shop', '${secret('dbi')}', { RaiseError => 1 });\n`,
      'db.py': `import pymysql\n\ndb = pymysql.connect('db01', 'reporting', '${secret('pymysql')}', 'crm')\n`,
    });
    expect(located(found)).toEqual([
      ['Db.java', 3, 'generic.credential-call'],
      ['Okhttp.kt', 1, 'generic.credential-call'],
      ['client.rs', 1, 'generic.credential-call'],
      ['db.php', 2, 'generic.credential-call'],
      ['db.php', 3, 'generic.credential-call'],
      ['db.pl', 1, 'generic.credential-call'],
      ['db.py', 3, 'generic.credential-call'],
      ['http.rb', 2, 'generic.credential-call'],
      ['main.go', 4, 'generic.credential-call'],
    ]);
  });

  it('stays quiet on those calls given variables, empty or placeholder passwords', () => {
    const found = findings({
      'main.go': 'package main\n\nfunc get(req *http.Request) {\n\treq.SetBasicAuth(user, os.Getenv("PASSWORD"))\n\treq.SetBasicAuth("admin", "password")\n}\n',
      'client.rs': 'let resp = client.get(url).basic_auth("admin", Some(&password)).send().await?;\n',
      'Db.java':
        'Connection c = DriverManager.getConnection(url, user, password);\nConnection d = DriverManager.getConnection(url, "app", System.getenv("DB_PASSWORD"));\n',
      'db.php':
        "<?php\n$pdo = new PDO($dsn, $user, $password);\n$conn = mysqli_connect('localhost', 'root', '', 'test');\n$conn = mysqli_connect('db01', 'root', '<password>', 'test');\n",
      'db.pl': 'my $dbh = DBI->connect($dsn, $user, $pass);\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a user:password literal encoded for Basic authentication or given to curl', () => {
    const found = findings({
      'auth.js': `const auth = 'Basic ' + btoa('admin:${secret('btoa')}');\nconst header = Buffer.from('svc-deploy:${secret('buffer')}').toString('base64');\n`,
      'auth.py': `import base64\n\nauth = base64.b64encode(b"admin:${secret('b64')}").decode()\n`,
      'auth.dart': `final auth = 'Basic ' + base64Encode(utf8.encode('admin:${secret('dart')}'));\n`,
      'curl.php': `<?php\ncurl_setopt($ch, CURLOPT_USERPWD, 'admin:${secret('userpwd')}');\n`,
    });
    expect(located(found)).toEqual([
      ['auth.dart', 1, 'generic.basic-auth-literal'],
      ['auth.js', 1, 'generic.basic-auth-literal'],
      ['auth.js', 2, 'generic.basic-auth-literal'],
      ['auth.py', 3, 'generic.basic-auth-literal'],
      ['curl.php', 2, 'generic.basic-auth-literal'],
    ]);
  });

  it('stays quiet on encoded templates, concatenations, data URLs, digests and placeholders', () => {
    const found = findings({
      'auth.js': [
        "const a = 'Basic ' + btoa(`${user}:${password}`);",
        "const b = 'Basic ' + btoa('admin:' + password);",
        "const c = Buffer.from('data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB', 'utf8');",
        `const d = Buffer.from('sha256:${value('digest', 64, '0123456789abcdef')}');`,
        "const e = btoa('user:password');",
        "const f = Buffer.from('https://cdn.contoso.io/v2/assets/logo.png');",
      ].join('\n'),
      'curl.php': "<?php\ncurl_setopt($ch, CURLOPT_USERPWD, $user . ':' . $pass);\n",
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a key or token in the query string of a URL written in code or a command', () => {
    const found = findings({
      'weather.py': `import requests\n\nresp = requests.get(f"https://api.weather-data.io/v2/forecast?city={city}&api_key=${secret('query-py')}")\n`,
      'geo.js': `const url = \`https://api.maps-provider.io/geocode?q=\${query}&key=${secret('query-js')}\`;\n`,
      'metrics.sh': `#!/bin/sh\ncurl -s "https://api.metrics-cloud.io/v1/query?access_token=${secret('query-sh')}&q=up"\n`,
    });
    expect(located(found)).toEqual([
      ['geo.js', 1, 'generic.url-query-secret'],
      ['metrics.sh', 2, 'generic.url-query-secret'],
      ['weather.py', 3, 'generic.url-query-secret'],
    ]);
  });

  it('stays quiet on query strings holding templates, placeholders, paths, UUIDs and other parameters', () => {
    const found = findings({
      'urls.js': [
        'const a = `https://api.maps-provider.io/geocode?q=${query}&key=${apiKey}`;',
        "const b = 'https://api.contoso.io/v1/items?api_key=YOUR_API_KEY_HERE';",
        "const c = 'https://cdn.contoso.io/assets?key=images/header-logo.png';",
        "const d = 'https://api.contoso.io/v1/items?token=550e8400-e29b-41d4-a716-446655440000';",
        `const e = 'https://api.contoso.io/v1/items?page_token=${secret('page')}&limit=50';`,
        `const f = 'https://api.contoso.io/v1/items?keyword=${secret('keyword')}';`,
      ].join('\n'),
      'weather.py': 'resp = requests.get(f"https://api.weather-data.io/v2/forecast?city={city}&api_key={api_key}")\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds Kotlin and Scala map pairs, and leaves pairs that take a variable', () => {
    const found = findings({
      'Client.kt': `val headers = mapOf(\n    "Accept" to "application/json",\n    "X-Api-Key" to "${secret('kotlin-to')}",\n)\nval other = mapOf("X-Api-Key" to apiKey)\n`,
      'App.scala': `val conf = Map(\n  "user" -> "app",\n  "password" -> "${secret('scala-arrow')}"\n)\nval env = Map("password" -> sys.env("DB_PASSWORD"))\n`,
      'labels.kt': 'val labels = mapOf("password" to "Password", "token" to "Access token")\n',
    });
    expect(located(found)).toEqual([
      ['App.scala', 3, 'generic.credential-assignment'],
      ['Client.kt', 3, 'generic.credential-assignment'],
    ]);
  });

  it('finds unquoted values in Makefiles, MySQL option files, .envrc, shell start-up files and Dockerfile ENV without =', () => {
    const found = findings({
      Makefile: `API_KEY := ${secret('make')}\nDB_PASSWORD ?= ${secret('make-default')}\n\ndeploy:\n\tcurl -H "X-Api-Key: $(API_KEY)" $(URL)\n`,
      'my.cnf': `[client]\nuser=root\npassword=${secret('mycnf')}\n`,
      '.envrc': `export SENTRY_AUTH_TOKEN=${secret('envrc')}\nexport AWS_PROFILE=dev\n`,
      '.zshrc': `alias ll="ls -la"\nexport OPENWEATHER_API_KEY=${secret('zshrc')}\n`,
      Dockerfile: `FROM node:20\nENV NPM_TOKEN ${secret('docker-env')}\n`,
    });
    expect(located(found)).toEqual([
      ['.envrc', 1, 'generic.credential-assignment-config'],
      ['.zshrc', 2, 'generic.credential-assignment-config'],
      ['Dockerfile', 2, 'generic.credential-assignment-config'],
      ['Makefile', 1, 'generic.credential-assignment-config'],
      ['Makefile', 2, 'generic.credential-assignment-config'],
      ['my.cnf', 3, 'generic.credential-assignment-config'],
    ]);
  });

  it('stays quiet on their references, empty values, file names and other commands', () => {
    const found = findings({
      Makefile: 'API_KEY ?= $(shell cat .api_key)\nTOKEN_FILE := build/token.txt\nDB_PASSWORD := $(DB_PASSWORD)\n',
      'my.cnf': '[client]\nuser=root\npassword=\n',
      '.envrc': 'export API_TOKEN=$(op read op://dev/api/token)\nexport DB_PASSWORD="${DB_PASSWORD:?}"\n',
      '.zshrc': 'export PATH="$HOME/.local/bin:$PATH"\nexport GPG_TTY=$(tty)\n',
      Dockerfile: `FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN \${NPM_TOKEN}\nRUN echo token ${secret('docker-run')} > /dev/null\n`,
    });
    expect(located(found)).toEqual([]);
  });

  it('finds Android string resources and properties XML entries named for a secret, Swift header values, and a Phoenix secret_key_base', () => {
    const found = findings({
      'strings.xml': `<resources>\n    <string name="app_name">Shop</string>\n    <string name="backend_api_key">${secret('android')}</string>\n</resources>\n`,
      'db.xml': `<properties>\n  <entry key="db.password">${secret('props-xml')}</entry>\n</properties>\n`,
      'Client.swift': `var request = URLRequest(url: url)\nrequest.setValue("${secret('swift', 30)}", forHTTPHeaderField: "X-Api-Key")\n`,
      'prod.exs': `config :shop, ShopWeb.Endpoint,\n  secret_key_base: "${value('phoenix', 64, BASE62 + '+/')}"\n`,
      'lookalikes.xml': [
        '<string name="password_hint">Enter your password</string>',
        '<entry key="db.password">${DB_PASSWORD}</entry>',
        'request.setValue(apiKey, forHTTPHeaderField: "X-Api-Key")',
        'request.setValue("application/json", forHTTPHeaderField: "Content-Type")',
      ].join('\n'),
    });
    expect(located(found)).toEqual([
      ['Client.swift', 2, 'generic.header-value-call'],
      ['db.xml', 2, 'generic.xml-named-value'],
      ['prod.exs', 2, 'phoenix.secret-key-base'],
      ['strings.xml', 3, 'generic.xml-named-value'],
    ]);
  });

  it('finds a literal default in a Spring placeholder for a secret property, not an empty one or a shell default', () => {
    const found = findings({
      'application.properties': `spring.datasource.url=jdbc:postgresql://db01:5432/shop\nspring.datasource.password=\${DB_PASSWORD:${secret('spring-db')}}\n`,
      'PaymentClient.java': `class PaymentClient {\n    @Value("\${payments.api-key:${secret('spring-value', 22)}}")\n    private String apiKey;\n}\n`,
      'application.yml': [
        'spring:',
        '  datasource:',
        '    password: ${DB_PASSWORD}',
        '    username: ${DB_USER:shop}',
        'payments:',
        '  api-key: ${PAYMENTS_API_KEY:}',
      ].join('\n'),
    });
    expect(located(found)).toEqual([
      ['PaymentClient.java', 2, 'generic.spring-placeholder-default'],
      ['application.properties', 2, 'generic.spring-placeholder-default'],
    ]);
  });

  it('finds bearer tokens in Python f-strings, C# AuthenticationHeaderValue and reqwest bearer_auth, Elixir module attributes, configparser and setAuth calls', () => {
    const found = findings({
      'client.py': `headers = {"Authorization": f"Token ${secret('py-token', 38)}"}\n`,
      'Client.cs': `client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "${secret('cs-bearer', 38)}");\n`,
      'client.rs': `let resp = client.get(url).bearer_auth("${secret('rs-bearer', 38)}").send().await?;\n`,
      'client.ex': `defmodule Shop.Client do\n  @api_key "${secret('ex-key', 30)}"\nend\n`,
      'setup.py': `cfg = configparser.ConfigParser()\ncfg.set('db', 'password', '${secret('cfg-set')}')\n`,
      'fetch.php': `<?php\n$request->setAuth('deploy', '${secret('php-auth')}');\n`,
      'lookalikes.txt': [
        'client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);',
        'let resp = client.get(url).bearer_auth(&token).send().await?;',
        "cfg.set('db', 'password', os.environ['DB_PASSWORD'])",
      ].join('\n'),
    });
    expect(located(found)).toEqual([
      ['Client.cs', 1, 'generic.bearer-token'],
      ['client.ex', 2, 'generic.elixir-module-attribute'],
      ['client.py', 1, 'generic.bearer-token'],
      ['client.rs', 1, 'generic.bearer-token'],
      ['fetch.php', 2, 'generic.credential-call'],
      ['setup.py', 2, 'generic.config-set-call'],
    ]);
  });

  it('finds a superagent .auth(user, password) call and a mysql --password= option', () => {
    const found = findings({
      'fetch.js': `request.get(url).auth("deploy", "${secret('superagent')}").end(callback);\n`,
      'restore.sh': `mysql -h db01 -u root --password=${secret('mysql-long')} shop < dump.sql\n`,
      'lookalikes.txt': ['request.get(url).auth(user, pass).end(callback);', 'mysql -h db01 -u root --password="$MYSQL_PASSWORD" shop'].join('\n'),
    });
    expect(located(found)).toEqual([
      ['fetch.js', 1, 'generic.credential-call'],
      ['restore.sh', 1, 'generic.cli-password'],
    ]);
  });
});
