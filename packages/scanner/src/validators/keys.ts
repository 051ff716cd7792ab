/** Private keys and PKCS#12 bundles, checked with node:crypto and a DER/OpenSSH structure walk. */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { ValidatorResult } from './index.js';

/** PEM found inside JSON or code may carry `\n` escapes and string quotes: undo them before parsing. */
export function normalisePem(text: string): string {
  return text.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r\n?/g, '\n');
}

function pemBody(pem: string): Buffer {
  const lines = pem.split('\n').filter((line) => line && !line.startsWith('-----') && !line.includes(':'));
  return Buffer.from(lines.join(''), 'base64');
}

export function validatePrivateKey(secret: string): ValidatorResult {
  const pem = normalisePem(secret);
  if (pem.includes('BEGIN OPENSSH PRIVATE KEY')) return validateOpenSsh(pemBody(pem));
  const encrypted = pem.includes('ENCRYPTED');
  if (encrypted) {
    // Without the passphrase node cannot open it; the DER must still be a real structure.
    const der = pemBody(pem);
    if (der.length < 32 && !/Proc-Type/.test(pem)) return { validity: 'unchecked', drop: true };
    if (!/Proc-Type/.test(pem) && der[0] !== 0x30) return { validity: 'unchecked', drop: true };
    return { validity: 'parsed', severity: 'medium', details: { encrypted: true } };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // Not a key (a template, a truncated paste): nothing an attacker could use.
    return { validity: 'unchecked', drop: true };
  }
  return { validity: 'parsed', details: describeKey(key) };
}

function describeKey(key: KeyObject): Record<string, string | number | boolean> {
  const details: Record<string, string | number | boolean> = { encrypted: false, keyType: key.asymmetricKeyType ?? 'unknown' };
  const info = key.asymmetricKeyDetails;
  if (info?.modulusLength) details.keyBits = info.modulusLength;
  if (info?.namedCurve) details.curve = info.namedCurve;
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  details.publicKeySha256 = createHash('sha256').update(spki).digest('hex');
  return details;
}

/** OpenSSH `openssh-key-v1` container: magic, cipher, kdf, key count, public key blob. */
function validateOpenSsh(body: Buffer): ValidatorResult {
  const magic = Buffer.from('openssh-key-v1\0', 'latin1');
  if (body.length < magic.length + 16 || !body.subarray(0, magic.length).equals(magic)) return { validity: 'unchecked', drop: true };
  let offset = magic.length;
  const readString = (): Buffer | undefined => {
    if (offset + 4 > body.length) return undefined;
    const length = body.readUInt32BE(offset);
    offset += 4;
    if (offset + length > body.length) return undefined;
    const value = body.subarray(offset, offset + length);
    offset += length;
    return value;
  };
  const cipher = readString()?.toString('latin1');
  const kdf = readString()?.toString('latin1');
  readString(); // kdf options
  if (cipher === undefined || kdf === undefined || offset + 4 > body.length) return { validity: 'unchecked', drop: true };
  offset += 4; // number of keys
  const publicBlob = readString();
  if (!publicBlob || publicBlob.length < 8) return { validity: 'unchecked', drop: true };
  const keyType = publicBlob.subarray(4, 4 + publicBlob.readUInt32BE(0)).toString('latin1');
  const encrypted = cipher !== 'none';
  const details = {
    encrypted,
    keyType,
    publicKeySha256: createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, ''),
  };
  return encrypted ? { validity: 'parsed', severity: 'medium', details } : { validity: 'parsed', details };
}

/**
 * PKCS#12: an outer DER SEQUENCE holding INTEGER 3 (the version). A real bundle is reported whether or
 * not it is password-protected: the password is often empty, weak or committed next to it.
 */
export function validatePkcs12(secret: string, content?: Uint8Array): ValidatorResult {
  const der = content ?? Buffer.from(secret, 'base64');
  if (der.length < 8 || der[0] !== 0x30) return { validity: 'unchecked', drop: true };
  const lengthBytes = der[1] & 0x80 ? der[1] & 0x7f : 0;
  const versionAt = 2 + lengthBytes;
  if (der[versionAt] !== 0x02 || der[versionAt + 1] !== 0x01 || der[versionAt + 2] !== 0x03) return { validity: 'unchecked', drop: true };
  return { validity: 'parsed', details: { bytes: der.length } };
}
