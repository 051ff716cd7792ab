/** Private keys and PKCS#12 bundles, checked with node:crypto and a DER/OpenSSH structure walk. */
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { shannonEntropy } from '../entropy.js';
import { isPlaceholder } from '../placeholders.js';
import { BASE64_PEM_PREFIX, decodeBase64Pem, readPemBlock, toPem, type PemBlock } from '../pem-text.js';
import { inspectPkcs12, type Pkcs12Shape } from './pkcs12-mac.js';
import type { ValidatorResult } from './types.js';

type KeyDetails = Record<string, string | number | boolean>;
const DROP: ValidatorResult = { validity: 'unchecked', drop: true };

/**
 * Canonical PEM node:crypto can open, from a key in any leaked shape (escaped, indented, split over
 * literals, base64-encoded); a key under the wrong header is relabelled to what its body is.
 */
export function normalisePem(text: string): string {
  const block = privateKeyBlock(text);
  if (!block) return text;
  const der = Buffer.from(block.base64, 'base64');
  return toPem(block, identify(der)?.label ?? block.label);
}

/** The first private-key block in the text (after decoding a base64-encoded PEM file). */
function privateKeyBlock(secret: string): PemBlock | undefined {
  let text: string | undefined = secret.startsWith(BASE64_PEM_PREFIX) ? decodeBase64Pem(secret) : secret;
  while (text) {
    const block = readPemBlock(text);
    if (!block || block.label.endsWith('PRIVATE KEY')) return block;
    // A bundle (certificate first, then its key): look on after this block.
    const next = text.indexOf('-----BEGIN ', text.indexOf(`-----BEGIN ${block.label}-----`) + 11);
    text = next >= 0 ? text.slice(next) : undefined;
  }
  return undefined;
}

/**
 * A key that parses as its header says is reported as it is. One that does not (a body of another
 * format, a damaged or truncated paste) may still be a real key: reported at lower confidence with
 * the reason, unless its body is a template (`...`, `<your key>`, `xxxx`, repeated characters, too short).
 */
export function validatePrivateKey(secret: string): ValidatorResult {
  const block = privateKeyBlock(secret);
  if (!block) return DROP;
  const der = Buffer.from(block.base64, 'base64');
  const strict = parseAsLabelled(block, der);
  if (strict) return strict;
  // A whole key of another format under this header is a key, whatever its length.
  const actual = block.prose ? undefined : identify(der);
  if (!actual && (block.prose || block.base64.length < (block.complete ? 100 : 200) || shannonEntropy(block.base64) < 4.5 || isPlaceholder(block.base64)))
    return DROP;
  const parse = actual
    ? `the header says ${block.label} but the body is ${actual.format}`
    : block.complete
      ? `the body does not parse as ${block.label}`
      : block.endLabel
        ? `the BEGIN line says ${block.label} but the END line ${block.endLabel}`
        : `truncated: no END ${block.label} line`;
  return { validity: 'unchecked', severity: 'high', details: { ...(actual?.details ?? publicPartOf(der)), parse } };
}

/** The verdict when the body is what the label says, else undefined. */
function parseAsLabelled(block: PemBlock, der: Buffer): ValidatorResult | undefined {
  if (block.label === 'OPENSSH PRIVATE KEY') return openSshVerdict(der);
  if (block.label === 'ENCRYPTED PRIVATE KEY') {
    // Without the passphrase node cannot open it; the DER must still be an EncryptedPrivateKeyInfo SEQUENCE.
    return der.length >= 32 && der[0] === 0x30 ? { validity: 'parsed', severity: 'medium', details: { encrypted: true } } : undefined;
  }
  if (block.headers.some((h) => /^Proc-Type:\s*4,ENCRYPTED/i.test(h))) {
    return der.length >= 32 ? { validity: 'parsed', severity: 'medium', details: { encrypted: true } } : undefined;
  }
  const type = DER_TYPES[block.label];
  if (type && derShape(der) !== type) return undefined;
  try {
    const key = type ? createPrivateKey({ key: der, format: 'der', type }) : createPrivateKey({ key: toPem(block), format: 'pem' });
    // Critical under any rule, the truncated-key rule too (a block whose END line names another label).
    return { validity: 'parsed', severity: 'critical', details: describeKey(key) };
  } catch {
    return undefined;
  }
}

const DER_TYPES: Record<string, 'pkcs1' | 'pkcs8' | 'sec1'> = { 'RSA PRIVATE KEY': 'pkcs1', 'PRIVATE KEY': 'pkcs8', 'EC PRIVATE KEY': 'sec1' };
const FORMATS: Array<{ label: string; format: string; type: 'pkcs1' | 'pkcs8' | 'sec1' }> = [
  { label: 'PRIVATE KEY', format: 'a PKCS#8 key', type: 'pkcs8' },
  { label: 'RSA PRIVATE KEY', format: 'a PKCS#1 RSA key', type: 'pkcs1' },
  { label: 'EC PRIVATE KEY', format: 'a SEC1 EC key', type: 'sec1' },
];

/**
 * Which private-key structure a DER body has, by the field after the version (node:crypto's DER
 * reader accepts a PKCS#8 body when asked for PKCS#1): PKCS#1 RSAPrivateKey continues with the
 * modulus (INTEGER), PKCS#8 with an AlgorithmIdentifier (SEQUENCE), SEC1 (version 1) with the key (OCTET STRING).
 */
function derShape(der: Buffer): 'pkcs1' | 'pkcs8' | 'sec1' | undefined {
  if (der[0] !== 0x30) return undefined;
  const at = 2 + (der[1] & 0x80 ? der[1] & 0x7f : 0);
  if (der[at] !== 0x02 || der[at + 1] !== 0x01) return undefined;
  const next = der[at + 3];
  if (next === 0x02) return 'pkcs1';
  if (next === 0x30) return 'pkcs8';
  return next === 0x04 && der[at + 2] === 1 ? 'sec1' : undefined;
}

/** What a key body really is, whatever its header says. */
function identify(der: Buffer): { label: string; format: string; details: KeyDetails } | undefined {
  const ssh = openSshVerdict(der);
  if (ssh) return { label: 'OPENSSH PRIVATE KEY', format: 'an OpenSSH key', details: ssh.details as KeyDetails };
  const shape = derShape(der);
  for (const { label, format, type } of FORMATS) {
    if (type !== shape) continue;
    try {
      return { label, format, details: describeKey(createPrivateKey({ key: der, format: 'der', type })) };
    } catch {
      // Not this format: try the next.
    }
  }
  return undefined;
}

function describeKey(key: KeyObject): KeyDetails {
  const details: KeyDetails = { encrypted: false, keyType: key.asymmetricKeyType ?? 'unknown' };
  const info = key.asymmetricKeyDetails;
  if (info?.modulusLength) details.keyBits = info.modulusLength;
  if (info?.namedCurve) details.curve = info.namedCurve;
  details.publicKeySha256 = spkiSha256(createPublicKey(key));
  return details;
}

/** `publicKeySha256` for every key type: hex SHA-256 of the DER SubjectPublicKeyInfo (as certificates.ts computes it). */
function spkiSha256(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** A reader of SSH wire-format strings (uint32 length + bytes). */
function sshReader(body: Buffer, offset: number) {
  return {
    get offset() {
      return offset;
    },
    skip(n: number) {
      offset += n;
    },
    string(): Buffer | undefined {
      if (offset + 4 > body.length) return undefined;
      const length = body.readUInt32BE(offset);
      if (offset + 4 + length > body.length) return undefined;
      const value = body.subarray(offset + 4, offset + 4 + length);
      offset += 4 + length;
      return value;
    },
  };
}

/** OpenSSH `openssh-key-v1` container: magic, cipher, kdf, key count, public key blob, private section. */
function openSshVerdict(body: Buffer): ValidatorResult | undefined {
  const parts = openSshParts(body);
  if (!parts?.privateSection) return undefined;
  const { encrypted, privateSection } = parts;
  // Unencrypted, the private section opens with the same check number twice: a damaged paste fails it.
  if (!encrypted && (privateSection.length < 8 || privateSection.readUInt32BE(0) !== privateSection.readUInt32BE(4))) return undefined;
  const details: KeyDetails = { encrypted, ...sshPublicDetails(parts.publicBlob) };
  return { validity: 'parsed', severity: encrypted ? 'medium' : 'critical', details };
}

/** The container's fields up to the private section, which a cut-off key may lack. */
function openSshParts(body: Buffer): { encrypted: boolean; publicBlob: Buffer; privateSection?: Buffer } | undefined {
  const magic = Buffer.from('openssh-key-v1\0', 'latin1');
  if (body.length < magic.length + 16 || !body.subarray(0, magic.length).equals(magic)) return undefined;
  const reader = sshReader(body, magic.length);
  const cipher = reader.string()?.toString('latin1');
  const kdf = reader.string()?.toString('latin1');
  reader.string(); // kdf options
  if (cipher === undefined || kdf === undefined || reader.offset + 4 > body.length) return undefined;
  reader.skip(4); // number of keys
  const publicBlob = reader.string();
  if (!publicBlob || publicBlob.length < 8) return undefined;
  return { encrypted: cipher !== 'none', publicBlob, privateSection: reader.string() };
}

function sshPublicDetails(publicBlob: Buffer): KeyDetails {
  const details: KeyDetails = { keyType: sshReader(publicBlob, 0).string()?.toString('latin1') ?? 'unknown' };
  const publicKey = sshPublicKey(publicBlob);
  if (publicKey) details.publicKeySha256 = spkiSha256(publicKey);
  // The fingerprint `ssh-keygen -l` prints and GitHub lists for deploy and user keys.
  details.sshPublicKeySha256 = `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`;
  return details;
}

/**
 * The public key a cut-off key still holds at its start: OpenSSH keys carry the public blob first,
 * and RSA keys (PKCS#1, or PKCS#8 around it) the modulus and exponent, so its certificate or
 * authorized key can still be found.
 */
function publicPartOf(der: Buffer): KeyDetails | undefined {
  const ssh = openSshParts(der);
  if (ssh) return sshPublicDetails(ssh.publicBlob);
  // A DER header without bounds checks: the enclosing structures run past the cut.
  const header = (at: number) => {
    if (at + 2 > der.length) return undefined;
    let length = der[at + 1];
    let start = at + 2;
    if (length & 0x80) {
      const bytes = length & 0x7f;
      if (bytes < 1 || bytes > 3) return undefined;
      length = 0;
      for (let i = 0; i < bytes; i++) length = length * 256 + (der[start + i] ?? 0);
      start += bytes;
    }
    return { tag: der[at], start, end: start + length };
  };
  const version = (at: number) => {
    const v = header(at);
    return v?.tag === 0x02 && v.end - v.start === 1 && der[v.start] === 0 ? v.end : undefined;
  };
  const outer = header(0);
  let at = outer?.tag === 0x30 ? version(outer.start) : undefined;
  if (at === undefined) return undefined;
  const algorithm = header(at);
  if (algorithm?.tag === 0x30) {
    // PKCS#8: rsaEncryption, then the PKCS#1 key inside an OCTET STRING.
    if (!der.subarray(algorithm.start, algorithm.end).toString('hex').includes('2a864886f70d010101')) return undefined;
    const octets = header(algorithm.end);
    const inner = octets?.tag === 0x04 ? header(octets.start) : undefined;
    at = inner?.tag === 0x30 ? version(inner.start) : undefined;
    if (at === undefined) return undefined;
  }
  const n = header(at);
  const e = n?.tag === 0x02 && n.end <= der.length ? header(n.end) : undefined;
  if (!n || !e || e.tag !== 0x02 || e.end > der.length || e.end - e.start > 8) return undefined;
  const unsigned = (from: number, to: number) => Buffer.from(der.subarray(der[from] === 0 ? from + 1 : from, to)).toString('base64url');
  try {
    const key = createPublicKey({ key: { kty: 'RSA', n: unsigned(n.start, n.end), e: unsigned(e.start, e.end) }, format: 'jwk' });
    return { keyType: 'rsa', keyBits: key.asymmetricKeyDetails?.modulusLength ?? 0, publicKeySha256: spkiSha256(key) };
  } catch {
    return undefined;
  }
}

const SSH_CURVES: Record<string, string> = { nistp256: 'P-256', nistp384: 'P-384', nistp521: 'P-521' };

/** The public key of an SSH public blob as a KeyObject (Ed25519, RSA, ECDSA), via JWK. */
function sshPublicKey(blob: Buffer): KeyObject | undefined {
  const reader = sshReader(blob, 0);
  const type = reader.string()?.toString('latin1');
  const b64url = (value: Buffer) => Buffer.from(value[0] === 0 ? value.subarray(1) : value).toString('base64url');
  let jwk: JsonWebKey | undefined;
  if (type === 'ssh-ed25519') {
    const x = reader.string();
    if (x?.length === 32) jwk = { kty: 'OKP', crv: 'Ed25519', x: x.toString('base64url') };
  } else if (type === 'ssh-rsa') {
    const e = reader.string();
    const n = reader.string();
    if (e && n) jwk = { kty: 'RSA', e: b64url(e), n: b64url(n) };
  } else if (type?.startsWith('ecdsa-sha2-')) {
    const crv = SSH_CURVES[reader.string()?.toString('latin1') ?? ''];
    const point = reader.string();
    if (crv && point && point[0] === 4) {
      const half = (point.length - 1) / 2;
      jwk = { kty: 'EC', crv, x: point.subarray(1, 1 + half).toString('base64url'), y: point.subarray(1 + half).toString('base64url') };
    }
  }
  if (!jwk) return undefined;
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** Test-fixture locations: a bundle there is most often a throwaway made for the tests. */
export const FIXTURE_PATH = /(?:^|\/)(?:tests?|testdata|test-data|fixtures?|__tests__|__fixtures__|spec)\/|(?:^|\/)(?:[^/]*[._-])?test[^/]*$/i;

/**
 * PKCS#12: a PFX structure (version 3, a PKCS#7 data or signed-data ContentInfo); anything else is
 * no bundle and is dropped. A real bundle is graded by whether it opens without a password of its own (its MAC is
 * checked with the empty password and Google Cloud's fixed `notasecret`): then it is a key anyone can use (high); a password set is medium, as
 * the password is often weak or committed beside it. Under a test-fixture path (`test/`,
 * `fixtures/`, `testdata/`, a `*test*` file name) a password-protected bundle is not reported, and
 * one that opens without a password is one step lower: a path proves nothing, but such a bundle is
 * most likely a throwaway made for the tests.
 */
export function validatePkcs12(secret: string, content?: Uint8Array, path?: string): ValidatorResult {
  const der = content ?? Buffer.from(secret, 'base64');
  const shape: Pkcs12Shape = der.length >= 8 ? inspectPkcs12(der) : { valid: false };
  // Base64 in text may be cut at a line or literal end: there the version prefix is what can be checked.
  if (!shape.valid && !(content === undefined && /^3082....020103/.test(der.subarray(0, 7).toString('hex')))) return DROP;
  const open = shape.opensWithoutPassword;
  const fixture = path !== undefined && FIXTURE_PATH.test(path);
  // A password-protected bundle among test fixtures is the false alarm peers' test suites are full of.
  if (fixture && open === false) return DROP;
  const details: KeyDetails = {
    bytes: der.length,
    ...(open === undefined ? {} : { password: shape.publishedPassword ? `published (${shape.publishedPassword})` : open ? 'none' : 'set' }),
    ...(fixture ? { testFixture: true } : {}),
  };
  const severity = open === false ? 'medium' : fixture ? 'medium' : undefined;
  return { validity: 'parsed', details, ...(severity ? { severity } : {}) };
}
