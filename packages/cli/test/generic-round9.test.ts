// The generic detector, ninth round, through the real built CLI: configuration and infrastructure files of
// frameworks and tools. Names ending in `admin_password` or `android_api_key` are no longer taken for
// `min_password` or `id_api_key`; unquoted values in Ansible `group_vars`/`host_vars`/inventory files without
// an extension, `.s3cfg`, `.boto`, Salt `.sls`, crontabs and systemd units; quoted `NAME=value` strings
// (docker-compose lists, systemd `Environment="…"`, gunicorn `raw_env`); Redis `requirepass`/`masterauth`;
// nginx and Apache header and environment directives; Hibernate `<property name="…password">`.
// Every value here is generated for this file.
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { generatedSecret, locatedFindings, scanFiles, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => scanFiles(temp.dir(), files);
const secret = generatedSecret;
const located = locatedFindings;

describe('generic detector, ninth round', () => {
  it('finds admin_* and android_* secret names that an allow-list prefix used to swallow', () => {
    const found = findings({
      'grafana.ini': `[security]\nadmin_user = admin\nadmin_password = ${secret('grafana')}\n`,
      'prod.auto.tfvars': `admin_username = "shopadmin"\nadmin_password = "${secret('tfvars')}"\n`,
      'Keys.kt': `object Keys {\n    const val ANDROID_API_KEY = "${secret('android')}"\n}\n`,
      'lookalikes.ini': `min_password_length = 12\nmax_token = ${secret('max')}\n`,
    });
    expect(located(found)).toEqual([
      ['Keys.kt', 2, 'generic.credential-assignment'],
      ['grafana.ini', 3, 'generic.credential-assignment-config'],
      ['prod.auto.tfvars', 2, 'generic.credential-assignment'],
    ]);
  });

  it('reads Ansible vars and inventories, .s3cfg, .boto, Salt pillars, crontabs and systemd units', () => {
    const found = findings({
      'group_vars/all': `---\nntp_server: time.shop.io\nmysql_root_password: ${secret('group-vars')}\n`,
      'host_vars/db01': `ansible_host: 10.0.4.21\npostgresql_admin_password: ${secret('host-vars')}\n`,
      'inventory/hosts': `[db]\ndb01 ansible_host=10.0.4.21 ansible_user=admin ansible_password=${secret('inventory')}\n`,
      '.s3cfg': `[default]\naccess_key = shopbackup\nsecret_key = ${secret('s3cfg')}\n`,
      '.boto': `[Credentials]\naws_access_key_id = shopbackup\naws_secret_access_key = ${secret('boto')}\n`,
      'mysql.sls': `mysql:\n  server:\n    root_password: ${secret('salt')}\n`,
      crontab: `SHELL=/bin/bash\nBACKUP_PASSWORD=${secret('crontab')}\n0 3 * * * /srv/backup.sh\n`,
      'worker.service': `[Service]\nEnvironment=API_TOKEN=${secret('systemd')}\nExecStart=/srv/shop/worker\n`,
    });
    expect(located(found)).toEqual([
      ['.boto', 3, 'generic.credential-assignment-config'],
      ['.s3cfg', 3, 'generic.credential-assignment-config'],
      ['crontab', 2, 'generic.credential-assignment-config'],
      ['all', 3, 'generic.credential-assignment-config'],
      ['db01', 2, 'generic.credential-assignment-config'],
      ['hosts', 2, 'generic.credential-assignment-config'],
      ['mysql.sls', 3, 'generic.credential-assignment-config'],
      ['worker.service', 2, 'generic.credential-assignment-config'],
    ]);
  });

  it('stays quiet on vault references, encrypted vars, Jinja lookups, empty keys and secret files there', () => {
    const found = findings({
      'group_vars/all': 'ansible_password: "{{ vault_ansible_password }}"\nmysql_root_password: "{{ lookup(\'env\', \'MYSQL_ROOT_PASSWORD\') }}"\n',
      'group_vars/vault':
        'vault_db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          62313365396662343061393464336163383764373764613633653634306231386433626436623361\n',
      'inventory/hosts': "[web]\nweb01 ansible_host=10.0.4.11 ansible_password='{{ vault_pw }}'\n",
      '.s3cfg': '[default]\naccess_key =\nsecret_key =\n',
      'mysql.sls': "mysql:\n  root_password: {{ salt['vault'].read_secret('mysql')['password'] }}\n",
      crontab: 'MAILTO=ops@shop.io\n0 3 * * * /srv/backup.sh --password-file /etc/backup/pass\n',
      'api.service': '[Service]\nEnvironmentFile=/etc/shop/api.env\nEnvironment=API_TOKEN_FILE=/run/secrets/api\n',
      'supervisord.conf': '[inet_http_server]\nusername=admin\npassword={SHA}82ab876d1387bfafe46cc1c8a2ef074eae50cb1d\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds a quoted NAME=value string: docker-compose list entries, systemd Environment, gunicorn raw_env', () => {
    const found = findings({
      'docker-compose.yml': `services:\n  db:\n    image: mysql:8\n    environment:\n      - "MYSQL_ROOT_PASSWORD=${secret('compose')}"\n`,
      'shop-api.service': `[Service]\nEnvironment="DB_PASSWORD=${secret('unit')}"\nExecStart=/srv/shop/api\n`,
      'gunicorn.conf.py': `bind = '0.0.0.0:8000'\nraw_env = ['APP_ENV=prod', 'API_TOKEN=${secret('gunicorn')}']\n`,
    });
    expect(located(found)).toEqual([
      ['docker-compose.yml', 5, 'generic.env-pair-literal'],
      ['gunicorn.conf.py', 2, 'generic.env-pair-literal'],
      ['shop-api.service', 2, 'generic.env-pair-literal'],
    ]);
  });

  it('stays quiet on quoted pairs holding references, files, query strings or other names', () => {
    const found = findings({
      'docker-compose.yml': `services:\n  db:\n    environment:\n      - "MYSQL_ROOT_PASSWORD=\${MYSQL_ROOT_PASSWORD}"\n      - "MYSQL_PASSWORD_FILE=/run/secrets/db"\n      - "LOG_LEVEL=${secret('level')}"\n`,
      'login.js': `const body = 'password=${secret('form')}&grant_type=password';\n`,
      'api.service': '[Service]\nEnvironment="DB_PASSWORD=%d/db_password"\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds Redis requirepass, masterauth, Sentinel auth-pass and redis-server --requirepass', () => {
    const found = findings({
      'redis.conf': `bind 127.0.0.1\nport 6379\nrequirepass ${secret('requirepass')}\n`,
      'replica.conf': `replicaof 10.0.4.31 6379\nmasterauth ${secret('masterauth')}\n`,
      'sentinel.conf': `sentinel monitor mymaster 10.0.4.31 6379 2\nsentinel auth-pass mymaster ${secret('sentinel')}\n`,
      'docker-compose.yml': `services:\n  redis:\n    image: redis:7\n    command: redis-server --requirepass ${secret('compose-redis')}\n`,
    });
    expect(located(found)).toEqual([
      ['docker-compose.yml', 4, 'generic.redis-auth-directive'],
      ['redis.conf', 3, 'generic.redis-auth-directive'],
      ['replica.conf', 2, 'generic.redis-auth-directive'],
      ['sentinel.conf', 2, 'generic.redis-auth-directive'],
    ]);
  });

  it('stays quiet on commented-out, referenced and placeholder Redis passwords', () => {
    const found = findings({
      'redis.conf': `# requirepass foobared\n# requirepass ${secret('commented')}\nmasterauth <master-password>\n`,
      'docker-compose.yml': 'services:\n  redis:\n    command: redis-server --requirepass ${REDIS_PASSWORD}\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('finds nginx and Apache directives that set a secret header or variable, and Hibernate password properties', () => {
    const found = findings({
      'api.conf': `location /upstream/ {\n    proxy_pass https://api.partner.io;\n    proxy_set_header X-Api-Key ${secret('nginx')};\n}\n`,
      'nginx.conf': `location / {\n    proxy_pass http://backend;\n    proxy_set_header X-Auth-Token "${secret('nginx-quoted')}";\n}\n`,
      '.htaccess': `SetEnv DB_PASSWORD ${secret('htaccess')}\n`,
      'vhost.conf': `<VirtualHost *:80>\n  RequestHeader set X-Api-Key "${secret('apache')}"\n</VirtualHost>\n`,
      'hibernate.cfg.xml': `<hibernate-configuration>\n  <session-factory>\n    <property name="hibernate.connection.password">${secret('hibernate')}</property>\n  </session-factory>\n</hibernate-configuration>\n`,
    });
    expect(located(found)).toEqual([
      ['.htaccess', 1, 'generic.webserver-directive-secret'],
      ['api.conf', 3, 'generic.webserver-directive-secret'],
      ['hibernate.cfg.xml', 3, 'generic.xml-named-value'],
      ['nginx.conf', 3, 'generic.webserver-directive-secret'],
      ['vhost.conf', 2, 'generic.webserver-directive-secret'],
    ]);
  });

  it('stays quiet on nginx variables, references, file paths and property placeholders', () => {
    const found = findings({
      'nginx.conf':
        'location / {\n    auth_basic_user_file /etc/nginx/.htpasswd;\n    proxy_set_header X-Api-Key $http_x_api_key;\n    fastcgi_param DB_PASSWORD ${DB_PASSWORD};\n}\n',
      '.htaccess': 'SetEnv SECRET_FILE /etc/app/secret.key\n',
      'hibernate.cfg.xml': '<property name="hibernate.connection.password">${db.password}</property>\n',
    });
    expect(located(found)).toEqual([]);
  });

  it('takes a short random password written unquoted in configuration (3.3 bits per character, not 3.5)', () => {
    // 14 random characters; their entropy (3.47 bits) is under 3.5, which dropped a sixth of such passwords.
    const password = value('rails-db-18', 14);
    const found = findings({ 'database.yml': `production:\n  adapter: postgresql\n  username: shop\n  password: ${password}\n` });
    expect(located(found)).toEqual([['database.yml', 4, 'generic.credential-assignment-config']]);
  });

  it('finds a Wi-Fi passphrase in wpa_supplicant.conf, mail client passwords (msmtp, Postfix sasl_passwd) and an ipsec.secrets PSK', () => {
    const found = findings({
      'wpa_supplicant.conf': `network={\n    ssid="Office"\n    psk="${secret('wifi', 14)}"\n}\n`,
      '.msmtprc': `account default\nhost smtp.example.org\nport 587\nuser alerts@example.org\npassword ${secret('msmtp')}\n`,
      sasl_passwd: `[smtp.example.org]:587 alerts@example.org:${secret('postfix')}\n`,
      'ipsec.secrets': `198.51.100.10 203.0.113.5 : PSK "${secret('ipsec', 24)}"\n`,
      'notes.conf': `psk="${secret('not-wpa', 14)}"\n`,
    });
    expect(located(found)).toEqual([
      ['.msmtprc', 5, 'config.mail-client-password'],
      ['ipsec.secrets', 1, 'config.ipsec-psk'],
      ['sasl_passwd', 1, 'config.mail-client-password'],
      ['wpa_supplicant.conf', 3, 'config.wpa-supplicant-psk'],
    ]);
  });

  it("finds a literal in ENV.fetch's default block (Rails ERB configuration)", () => {
    const found = findings({ 'secrets.yml': `production:\n  secret_key_base: <%= ENV.fetch("SECRET_KEY_BASE") { "${secret('erb-default', 40)}" } %>\n` });
    expect(located(found)).toEqual([['secrets.yml', 2, 'generic.env-fallback-helper']]);
  });

  it('finds a secret given to one command as an inline environment variable, and Ansible passwords mid-line in an inventory', () => {
    const found = findings({
      'deploy.sh': `#!/bin/sh\nAPI_TOKEN=${secret('inline-sh', 22)} ./deploy.sh --prod\n`,
      Makefile: `deploy:\n\tAPI_KEY=${secret('inline-make', 22)} npm run deploy\n`,
      'backup.cron': `0 3 * * * DB_PASSWORD=${secret('inline-cron')} /usr/local/bin/backup.sh\n`,
      hosts: `[web]\nweb01 ansible_host=10.0.0.5 ansible_user=deploy ansible_password=${secret('inventory')} ansible_port=22\n`,
      'lookalikes.sh': [
        'API_TOKEN=$API_TOKEN ./deploy.sh --prod',
        'TOKEN_TTL=3600 ./refresh.sh',
        'web01 ansible_password="{{ vault_web_password }}" ansible_port=22',
      ].join('\n'),
    });
    expect(located(found)).toEqual([
      ['Makefile', 2, 'generic.inline-env-assignment'],
      ['backup.cron', 1, 'generic.inline-env-assignment'],
      ['deploy.sh', 2, 'generic.inline-env-assignment'],
      ['hosts', 2, 'generic.inline-env-assignment'],
    ]);
  });
});
