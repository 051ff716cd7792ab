// Samples that libraries ship in their docs and docstrings, found by scanning installed real code
// (Python's dist-packages, Node's and npm's docs): through the real built CLI, each kind is passed over
// while a value of the same shape that nobody published is still reported. Values are generated for
// this file, except the ones the OAuth RFCs print (which is the point: they are public).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { perTestTemp } from '../../../test-support/helpers.js';
import { locatedFindings, scanFiles, value } from '../../../test-support/generated-values.js';

const temp = perTestTemp();
const findings = (files: Record<string, string>) => locatedFindings(scanFiles(temp.dir(), files));

/** An HS256 JWT over `payload`, signed with `key`. */
function jwt(payload: object, key: string): string {
  const body = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('samples libraries publish', () => {
  it('passes over JWTs signed with the one-word keys of library examples, and reports one signed with a real key', () => {
    const found = findings({
      'README.rst': `>>> encoded = jwt.encode({"some": "payload"}, "secret", algorithm="HS256")\n>>> print(encoded)\n${jwt({ some: 'payload' }, 'secret')}\n`,
      'sign.md': `const token = jwt.sign({ foo: 'bar' }, 'shhhhh'); // ${jwt({ foo: 'bar' }, 'shhhhh')}\n`,
      'session.txt': `${jwt({ sub: 'svc-ledger', iss: 'https://auth.shop.io' }, value('jwt-real-key', 32))}\n`,
    });
    expect(found).toEqual([['session.txt', 1, 'generic.jwt']]);
  });

  it('passes over a base64-encoded placeholder password and reports a base64-encoded real one', () => {
    const encoded = (text: string) => Buffer.from(text).toString('base64');
    const found = findings({
      'README.md': `\`\`\`js\nconst auth = {\n  username: 'isaacs',\n  password: '${encoded('not my real password')}',\n}\n\`\`\`\n`,
      'npmrc.js': `module.exports = { username: 'deploy', password: '${encoded('changeme')}' };\n`,
      'registry.js': `module.exports = { username: 'deploy', password: '${encoded(`${value('npm-pass', 14)}7q`)}' };\n`,
    });
    expect(found).toEqual([['registry.js', 1, 'generic.credential-assignment']]);
  });

  it('takes no keyword arguments passed on for a libpq connection string, and still the string itself', () => {
    const password = `${value('libpq', 14)}9x`;
    const found = findings({
      'misc.py': 'def build(user, password, netloc):\n    return Link(scheme, user=user, password=password, netloc=netloc)\n',
      'smburi.py': '        self.uri = self._construct(group, host, share,\n                                   user=user, password=password)\n',
      'db.py': `conn = psycopg2.connect("host=db01,db02 port=5432,5433 user=orders password=${password} dbname=orders")\n`,
    });
    expect(found).toEqual([['db.py', 1, 'generic.connection-string-password']]);
  });

  it('passes over a filler word or the credential name itself as a password', () => {
    const found = findings({
      'https.md': 'openssl pkcs12 -export -inkey private-key.pem -in certificate.pem -passout pass:sample > certificate.pfx\n',
      'keystore.md': 'openssl pkcs12 -export -in cert.pem -inkey key.pem -out store.p12 -passout pass:changeit\n',
      // The same in a rendered page: the value ends at the tag.
      'https.html': '<pre><code>openssl pkcs12 -export -inkey private-key.pem -in certificate.pem -passout pass:sample</code></pre>\n',
      'real.sh': `openssl pkcs12 -export -inkey private-key.pem -in certificate.pem -passout pass:${value('pfx-pass', 12)}7q > certificate.pfx\n`,
    });
    expect(found.map(([file]) => file)).toEqual(['real.sh']);
  });

  it("passes over the OAuth RFCs' example tokens, keys, signature and Basic header, and reports values of the same shape", () => {
    const found = findings({
      'parameters.py': [
        '    {',
        '        "access_token":"2YotnFZFEjr1zCsicMWpAA",',
        '        "token_type":"example",',
        '        "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",',
        '    }',
      ].join('\n'),
      'oauth1.py':
        '            oauth_consumer_key="0685bd9184jfhq22",\n            oauth_token="ad180jjd733klru7",\n            oauth_signature="wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D",\n',
      'base.py': '        Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\n',
      'tokens.py': `    {\n        "access_token":"${value('rfc-like', 22)}",\n        "refresh_token":"${value('rfc-like-refresh', 22)}",\n    }\n`,
    });
    expect(found).toEqual([
      ['tokens.py', 2, 'generic.credential-assignment'],
      ['tokens.py', 3, 'generic.credential-assignment'],
    ]);
  });

  it("takes an environment variable's name, a documented password pattern or code for no secret", () => {
    const basic = (pair: string) => Buffer.from(pair).toString('base64');
    const found = findings({
      // The name of the variable the secret is read from, then looked up.
      'Context.java': 'private static final String AZURE_CLIENT_SECRET = "AZURE_CLIENT_SECRET";\nString secret = System.getenv(AZURE_CLIENT_SECRET);\n',
      'auth_test.go': `if headerAuth != "Basic ${basic('CLIENT_ID:CLIENT_SECRET')}" {\n`,
      // Microsoft's documented SQL Server password pattern, a leet placeholder, a "fake" one.
      'appsettings.Development.json': '{ "ConnectionStrings": { "db": "Host=localhost;Database=orders;Username=postgres;Password=yourWeak(!)Password" } }\n',
      'lib1560.c': '  {"imaps://user:p4ssw0rd@host/", 0, 0, CURLUE_OK},\n',
      'MANUAL.md': '    curl --krb private ftp://krb4site.example.com -u username:fakepwd\n',
      // An HTTP Digest header's parameters, and a minified bundle's concatenation: no values.
      test2059: `Authorization: Digest username="${value('digest-user', 64, '0123456789abcdef')}", realm="testrealm", nonce="1053604144"\n`,
      'global.js':
        'return(n+="signature algorithm: "+this.getSignatureAlgorithmName()+"\\n")+"signature: "+this.getSignatureValueHex().substr(0,16)+"...\\n"};\n',
      // A PEM certificate and its key file: two paths, no password.
      'Options.cs': 'using var pem = X509Certificate2.CreateFromPemFile(userCertificatePath, userKeyPath);\n',
      // Their twins that are secrets.
      'Real.java': `private static final String AZURE_CLIENT_SECRET = "${value('entra-env', 30)}7q";\n`,
      'real_test.go': `if headerAuth != "Basic ${basic(`svc-ledger:${value('basic-pass', 18)}`)}" {\n`,
      'Pem.cs': `using var cert = X509Certificate2.CreateFromEncryptedPemFile("app.pem", "${value('pem-pass', 14)}7q", "app.key");\n`,
    });
    expect(found.map(([file]) => file).sort()).toEqual(['Pem.cs', 'Real.java', 'real_test.go']);
  });

  it("takes no type's name, S3 object key, DNS verification or concurrency token for a credential", () => {
    const hex16 = (seed: string) => value(seed, 16, '0123456789abcdef');
    const found = findings({
      // cfn-lint maps CloudFormation resource types to their schemas' digests.
      'af_south_1.py': `{\n    "AWS::ApiGateway::ApiKey": "${hex16('cfn-1')}",\n    "AWS::IAM::AccessKey": "${hex16('cfn-2')}",\n}\n`,
      'job.json': `{ "OutputDataConfig": { "S3Bucket": "results", "S3Key": "${value('s3-key', 12, '0123456789')}-PHIDetection-${hex16('job')}/" } }\n`,
      'ses.py': `result = {"VerificationToken": "${value('ses', 43)}="}\n`,
      'policy.json': `{ "Policy": { "PolicyName": "baseline" }, "PolicyUpdateToken": "1:${value('fms', 22)}==" }\n`,
      // Twins that are credentials.
      'settings.py': `SERVICE = {\n    "ApiKey": "${value('cfn-real', 30)}7q",\n}\n`,
      'uploader.ts': `const uploadS3Secret = "${value('s3-real', 30)}7q";\n`,
    });
    expect(found.map(([file]) => file).sort()).toEqual(['settings.py', 'uploader.ts']);
  });

  it("takes Spring Security's stored hashes, {noop} placeholders, classpath resources and numbered filler passwords for no secret", () => {
    const found = findings({
      'UserDetailsTests.java': 'String password = "{bcrypt}$2a$10$GRLdNijSQMUvl/au9ofL.eDwmoohzzS7.rmNSJZ.0FxO/BTk76klW";\n',
      'oauth2.adoc': 'spring.security.oauth2.client.registration.my-client:\n  client-id: "abcd"\n  client-secret: "{noop}secret"\n',
      'SslBundleTests.java': 'properties.getKeystore().setPrivateKey("classpath:ssl/test-key.pem");\n',
      'RabbitTests.java': 'this.properties.setAddresses(List.of("amqps://root:password2@otherhost2"));\n',
      // A netrc written from a string literal: the password ends at its escaped line end.
      'test_utils.py': 'f.write("machine example.com login user password pass\\ndefault\\n")\n',
      // Twins that are secrets.
      'Real.java': `String password = "{noop}${value('noop-real', 14)}7q";\n`,
      'netrc_test.py': `f.write("machine build.shop.io login ci password ${value('netrc-real', 14)}7q\\ndefault\\n")\n`,
    });
    expect(found.map(([file]) => file).sort()).toEqual(['Real.java', 'netrc_test.py']);
  });

  it("takes no digest named as one (npm's shasum, a certificate thumbprint, an ETag) for a service's key", () => {
    const sha1 = (seed: string) => value(seed, 40, '0123456789abcdef');
    // A registry's package document: one line, the repository on GitHub, keywords naming AWS keys.
    const packument = JSON.stringify({
      name: 'aws-key-helpers',
      keywords: ['aws', 'key', 'github', 'token'],
      repository: { url: 'git+https://github.com/someone/aws-key-helpers.git' },
      versions: { '1.0.0': { dist: { shasum: sha1('shasum-1'), integrity: `sha512-${value('sri', 86)}==` } } },
    });
    const found = findings({
      'packument.json': `${packument}\n`,
      'appsettings.json': `{ "GitHub": { "AppKeyThumbprint": "${sha1('thumb')}", "ETag": "${sha1('etag')}" } }\n`,
      'secrets.env': `GITHUB_CLIENT_SECRET=${sha1('oauth-secret')}\n`,
    });
    expect(found).toEqual([['secrets.env', 1, 'github.oauth-app-secret']]);
  });
});
