// Offline validators against known answers and corrupted inputs.
import { describe, expect, it } from 'vitest';
import { awsAccountId } from '../src/detect/validators/aws.js';
import { identifiableChecksumValid, makeIdentifiableKey } from '../src/detect/validators/azure-keys.js';
import { crc32, labelSeed, marvin32 } from '../src/detect/validators/checksums.js';
import { validateJwt } from '../src/detect/validators/jwt.js';
import { validatePkcs12, validatePrivateKey } from '../src/detect/validators/keys.js';
import { entraChecksumValid, prefixedCrcValid, validateAzureDevopsPat, validateGitlabToken } from '../src/detect/validators/tokens.js';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const example = (name: string) => readFileSync(fileURLToPath(new URL(`../../rules/data/examples/${name}`, import.meta.url)));

describe('checksum primitives', () => {
  it('CRC-32 matches zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
  it('Marvin32 reproduces Microsoft test vectors', () => {
    expect(marvin32(0xd53cd9cecd0893b7n, Buffer.from('abc'))).toBe(0x6be02a86);
    expect(marvin32(0x0ddddeeeeffff000n, Buffer.from('abcdefghijklmnopqrstuvwxyz'))).toBe(0xd34847dc);
    expect(labelSeed('Default0')).toBe(0x44656661756c7430n);
  });
});

describe('GitHub / npm CRC checksum', () => {
  it('accepts valid tokens and rejects a changed character', () => {
    expect(prefixedCrcValid('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')).toBe(true);
    expect(prefixedCrcValid('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')).toBe(true);
    expect(prefixedCrcValid('ghp_dbpOL9Cphws2v8Pz0XRlPFuHWouNNO1GbdCJ')).toBe(false);
    expect(prefixedCrcValid('ghp_ebpOL9Cphws2v8Pz0XRlPFuHWouNNO1GbdCI')).toBe(false);
  });
});

describe('GitLab routable token', () => {
  it('validates GitLab’s documented example and rejects a corrupted CRC or length', () => {
    expect(validateGitlabToken('glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7s').validity).toBe('checksum-valid');
    expect(validateGitlabToken('glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7t')).toMatchObject({ validity: 'checksum-invalid', drop: true });
    expect(validateGitlabToken('glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0s03gxo7s').drop).toBe(true);
    expect(validateGitlabToken('glpat-y8TIE5tkZJEV3vd6HB3o').validity).toBe('unchecked');
  });
});

describe('Azure identifiable keys', () => {
  it('validates a generated storage key and rejects one flipped bit', () => {
    const key = makeIdentifiableKey(randomBytes(64), '+ASt', 'Default0', 64);
    expect(key.slice(76, 80)).toBe('+ASt');
    expect(identifiableChecksumValid(key, 'Default0')).toBe(true);
    const bytes = Buffer.from(key, 'base64');
    bytes[5] ^= 1;
    expect(identifiableChecksumValid(bytes.toString('base64'), 'Default0')).toBe(false);
    expect(identifiableChecksumValid(key, 'MastRW00')).toBe(false);
  });
});

describe('Entra client secret checksum', () => {
  it('reproduces the library sample and rejects other suffixes', () => {
    const body = `zzz8Q~${'z'.repeat(31)}`;
    expect(entraChecksumValid(`${body}blP`)).toBe(true);
    expect(entraChecksumValid(`${body}blQ`)).toBe(false);
  });
});

describe('Azure DevOps PAT checksum', () => {
  it('rejects random base32 and an edited valid token', () => {
    expect(validateAzureDevopsPat('dp46a4mm7ugmsjb4zfdk6bly7an46eu5u3dzusknkn4jwclha45g').drop).toBe(true);
  });
});

describe('private keys', () => {
  it('parses real keys, reports encryption, and drops junk', () => {
    expect(validatePrivateKey(example('rsa-pkcs1.pem').toString())).toMatchObject({
      validity: 'parsed',
      details: { keyType: 'rsa', keyBits: 1024, encrypted: false },
    });
    expect(validatePrivateKey(example('ed25519-pkcs8-encrypted.pem').toString())).toMatchObject({ validity: 'parsed', severity: 'medium' });
    expect(validatePrivateKey(example('openssh-ed25519').toString())).toMatchObject({
      validity: 'parsed',
      details: { keyType: 'ssh-ed25519', encrypted: false },
    });
    expect(validatePrivateKey(example('openssh-ed25519-encrypted').toString())).toMatchObject({ severity: 'medium', details: { encrypted: true } });
    // Issue 14: a damaged key may still be a real one; it is reported at lower confidence with the reason.
    const corrupted = example('rsa-pkcs1.pem')
      .toString()
      .replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    expect(validatePrivateKey(corrupted)).toMatchObject({
      validity: 'unchecked',
      severity: 'high',
      details: { parse: 'the body does not parse as RSA PRIVATE KEY' },
    });
    expect(validatePrivateKey(corrupted).drop).toBeUndefined();
  });
  it('drops template bodies: ellipses, <your key>, xxxx, repeated characters, short bodies', () => {
    const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
    for (const body of [
      '...',
      'MIIEpAIBAAKCAQEA...',
      '<your key here>',
      'x'.repeat(64 * 5),
      'MIIE'.repeat(80),
      'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
      'paste your private key here',
    ])
      expect(validatePrivateKey(pem('RSA PRIVATE KEY', body)).drop, body).toBe(true);
  });
  it('recognises PKCS#12 structure', () => {
    expect(validatePkcs12('', example('sample.pfx')).validity).toBe('parsed');
    expect(validatePkcs12('', Buffer.from('not a pfx at all')).drop).toBe(true);
  });
});

describe('JWT', () => {
  const token = (payload: object) =>
    `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
  it('names Entra-issued tokens and downgrades expired ones', () => {
    const live = validateJwt(token({ iss: 'https://login.microsoftonline.com/tid/v2.0', exp: 4102444800 }));
    expect(live).toMatchObject({ validity: 'parsed', details: { issuerName: 'Microsoft Entra ID' } });
    expect(validateJwt(token({ iss: 'https://sts.windows.net/tid/', exp: 1000 }))).toMatchObject({ validity: 'expired', severity: 'low' });
    expect(validateJwt('eyJub3QiOiJqd3QifQ.eyJ4IjoxfQ.c2ln').drop).toBe(true);
  });
  it('reports HMAC-signed tokens that name no issuer at low severity (test and tutorial tokens)', () => {
    const hs256 = (payload: object) =>
      `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
    expect(validateJwt(hs256({ sub: '1234567890', name: 'John Doe', iat: 1516239022 }))).toMatchObject({ validity: 'parsed', severity: 'low' });
    expect(validateJwt(hs256({ sub: 'svc', iss: 'https://auth.contoso.com' })).severity).toBeUndefined();
    expect(validateJwt(token({ sub: 'svc' })).severity).toBeUndefined();
  });
  it("marks tokens signed with one of jwt.io's published example keys as samples, whatever the HMAC size", () => {
    const signed = (alg: string, hash: string, key: string) => {
      const body = `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from('{"sub":"svc-ledger"}').toString('base64url')}`;
      return `${body}.${createHmac(hash, key).update(body).digest('base64url')}`;
    };
    expect(validateJwt(signed('HS512', 'sha512', 'your-512-bit-secret')).sample).toMatch(/jwt\.io/);
    expect(validateJwt(signed('HS384', 'sha384', 'your-384-bit-secret')).sample).toMatch(/jwt\.io/);
    expect(validateJwt(signed('HS256', 'sha256', 'a-string-secret-at-least-256-bits-long')).sample).toMatch(/jwt\.io/);
    // A private key, or the published key under another algorithm's name, is no sample.
    expect(validateJwt(signed('HS256', 'sha256', 'Wm4xP9qLz7RkT2vN8hBc5GdF3sJ6aZq1')).sample).toBeUndefined();
    expect(validateJwt(signed('HS512', 'sha256', 'your-512-bit-secret')).sample).toBeUndefined();
  });
  it('marks tokens signed with the one-word keys of library examples (`secret`, `shhhhh`) as samples, naming the key', () => {
    const signed = (key: string) => {
      const body = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"some":"payload"}').toString('base64url')}`;
      return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    };
    expect(validateJwt(signed('secret')).sample).toMatch(/the key `secret` of library examples/);
    expect(validateJwt(signed('shhhhh')).sample).toMatch(/`shhhhh`/);
    // A key that only starts like one of them is a real key.
    expect(validateJwt(signed('secret-9f3kQ2mZ7vX4pL8w')).sample).toBeUndefined();
  });
  it('shows an audience that is neither a string nor a list as JSON, not as "[object Object]"', () => {
    expect(validateJwt(token({ sub: 'svc', aud: { app: 'billing' } })).details?.audience).toBe('{"app":"billing"}');
    expect(validateJwt(token({ sub: 'svc', aud: ['a', 'b'] })).details?.audience).toBe('a b');
    expect(validateJwt(token({ sub: 'svc', aud: 'api://x' })).details?.audience).toBe('api://x');
  });
});

describe('AWS access key id', () => {
  it('decodes the account id', () => {
    // Worked example: an id whose body encodes account 123456789012 (built by inverting the decoding).
    const account = 123456789012n;
    let value = ((account << 7n) | 0n) << 32n; // 48-bit field, low 32 bits random-free
    let body = '';
    for (let i = 0; i < 16; i++) {
      body = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[Number(value & 31n)] + body;
      value >>= 5n;
    }
    expect(awsAccountId(`AKIA${body}`)).toBe('123456789012');
    expect(awsAccountId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
  });
});

describe('certificate of a leaked key', () => {
  it('names the SHA-1 thumbprint of a certificate with the same public key found in the same scan', async () => {
    const { generateKeyPairSync, X509Certificate } = await import('node:crypto');
    const { linkCertificates, certificatesIn } = await import('../src/detect/certificates.js');
    const parse = validatePrivateKey;
    const certPem = example('certificate.pem').toString();
    const [cert] = certificatesIn(certPem);
    expect(cert.thumbprint).toBe(new X509Certificate(certPem).fingerprint.replace(/:/g, ''));
    // A key that is not the certificate's stays unlinked.
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const finding = (details: unknown) => ({ ruleId: 'key.pkcs8-private-key', details }) as never;
    const [unlinked] = linkCertificates([finding(parse(other).details)], [cert]);
    expect((unlinked as { details: Record<string, unknown> }).details.certificateThumbprint).toBeUndefined();
    expect(certificatesIn('-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----')).toEqual([]);
  });
});
