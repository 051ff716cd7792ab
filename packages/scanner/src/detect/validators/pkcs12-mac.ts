/**
 * Whether a PKCS#12 bundle opens without a password of its own: its integrity MAC (RFC 7292 §4, key
 * derived with the PKCS#12 KDF of Appendix B.2) is checked with the empty password, the way OpenSSL and
 * Windows write a bundle exported with no password, and with the fixed password Google Cloud gives
 * every service-account `.p12` key. Offline, DER only; BER (indefinite lengths) is reported as unknown.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

interface Tlv {
  tag: number;
  /** Offset of the value. */
  start: number;
  end: number;
}

function readTlv(der: Uint8Array, at: number, limit = der.length): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    // 0x80 is BER's indefinite length; more than 4 length bytes is no file we would read.
    if (bytes === 0 || bytes > 4 || start + bytes > limit) return undefined;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
    start += bytes;
  }
  return start + length <= limit ? { tag, start, end: start + length } : undefined;
}

/** The TLVs directly inside a constructed value. */
function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const tlv = readTlv(der, at, parent.end);
    if (!tlv) return [];
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

/** DER OIDs of the MAC digests PKCS#12 files use, with the KDF's block size in bytes. */
const DIGESTS: Record<string, { hash: string; block: number }> = {
  '2b0e03021a': { hash: 'sha1', block: 64 },
  '608648016503040201': { hash: 'sha256', block: 64 },
  '608648016503040202': { hash: 'sha384', block: 128 },
  '608648016503040203': { hash: 'sha512', block: 128 },
  '608648016503040204': { hash: 'sha224', block: 64 },
};

/** RFC 7292 B.2 with ID 3 (MAC key), for a password already in BMPString form. */
function macKey(hash: string, block: number, password: Buffer, salt: Buffer, iterations: number): Buffer {
  const repeatTo = (data: Buffer) => (data.length ? Buffer.alloc(block * Math.ceil(data.length / block), data) : Buffer.alloc(0));
  const input = Buffer.concat([repeatTo(salt), repeatTo(password)]);
  let a = createHash(hash).update(Buffer.alloc(block, 3)).update(input).digest();
  for (let i = 1; i < iterations; i++) a = createHash(hash).update(a).digest();
  // One block of output is the key (the MAC key is as long as the digest): no need to update `input`.
  return a;
}

export interface Pkcs12Shape {
  /** The DER is a PFX: SEQUENCE { INTEGER 3, ContentInfo { OID pkcs7-data or -signedData, … }, … }. */
  valid: boolean;
  /** `true`: the MAC verifies with the empty or a published password; `false`: a password is set; absent: no MAC or BER. */
  opensWithoutPassword?: boolean;
  /** The published password that opened it (`notasecret`), where that was the one. */
  publishedPassword?: string;
}

/**
 * Passwords anyone knows: Google Cloud's for every service-account P12 key
 * (https://cloud.google.com/iam/docs/keys-create-delete, "the password is notasecret").
 */
const PUBLISHED_PASSWORDS = ['notasecret'];

/** A password in BMPString form, with its two-byte terminator (RFC 7292 B.1). */
const bmpString = (password: string) => {
  const out = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
};

const PKCS7_DATA = '2a864886f70d010701';
const PKCS7_SIGNED = '2a864886f70d010702';

/** Reads a PKCS#12 file's outer structure and checks its MAC with the empty password. */
export function inspectPkcs12(der: Uint8Array): Pkcs12Shape {
  // BER with indefinite lengths (some Java and older Windows exports): only the version is checked.
  if (der[0] === 0x30 && der[1] === 0x80) return { valid: der[2] === 0x02 && der[3] === 0x01 && der[4] === 0x03 };
  const pfx = readTlv(der, 0);
  if (!pfx || pfx.tag !== 0x30) return { valid: false };
  const [version, authSafe, macData] = children(der, pfx);
  if (!version || version.tag !== 0x02 || version.end - version.start !== 1 || der[version.start] !== 3) return { valid: false };
  const [contentType, explicit] = authSafe?.tag === 0x30 ? children(der, authSafe) : [];
  const type = contentType?.tag === 0x06 ? Buffer.from(der.subarray(contentType.start, contentType.end)).toString('hex') : '';
  if (type !== PKCS7_DATA && type !== PKCS7_SIGNED) return { valid: false };
  if (type !== PKCS7_DATA || !macData || macData.tag !== 0x30) return { valid: true };
  const opener = macOpener(der, explicit, macData);
  if (opener === undefined) return { valid: true };
  if (opener === false) return { valid: true, opensWithoutPassword: false };
  return { valid: true, opensWithoutPassword: true, ...(opener ? { publishedPassword: opener } : {}) };
}

/** `''`: the MAC verifies with the empty password; a published password it verifies with; `false`: neither; undefined: not checked. */
function macOpener(der: Uint8Array, explicit: Tlv | undefined, macData: Tlv): string | false | undefined {
  // authSafe: ContentInfo { OID data, [0] { OCTET STRING content } }; the MAC covers the content.
  const content = explicit?.tag === 0xa0 ? children(der, explicit)[0] : undefined;
  if (!content || content.tag !== 0x04) return undefined;
  const [digestInfo, saltTlv, iterationsTlv] = children(der, macData);
  if (!digestInfo || saltTlv?.tag !== 0x04) return undefined;
  const [algorithm, digestTlv] = children(der, digestInfo);
  const oid = algorithm ? children(der, algorithm)[0] : undefined;
  const digest = oid?.tag === 0x06 ? DIGESTS[Buffer.from(der.subarray(oid.start, oid.end)).toString('hex')] : undefined;
  if (!digest || digestTlv?.tag !== 0x04) return undefined;
  let iterations = 1;
  if (iterationsTlv?.tag === 0x02) {
    iterations = 0;
    for (let i = iterationsTlv.start; i < iterationsTlv.end; i++) iterations = iterations * 256 + der[i];
  }
  // A bound on work for a hostile file (OpenSSL and Windows write 2,048 or 2,000).
  if (iterations < 1 || iterations > 200_000) return undefined;
  const salt = Buffer.from(der.subarray(saltTlv.start, saltTlv.end));
  const expected = Buffer.from(der.subarray(digestTlv.start, digestTlv.end));
  const data = der.subarray(content.start, content.end);
  // The empty password in BMPString form is its terminator (two zero bytes); some writers use no bytes at all.
  const candidates: Array<[string, Buffer]> = [
    ['', Buffer.alloc(2)],
    ['', Buffer.alloc(0)],
    ...PUBLISHED_PASSWORDS.map((p): [string, Buffer] => [p, bmpString(p)]),
  ];
  for (const [name, password] of candidates) {
    const mac = createHmac(digest.hash, macKey(digest.hash, digest.block, password, salt, iterations))
      .update(data)
      .digest();
    if (mac.length === expected.length && timingSafeEqual(mac, expected)) return name;
  }
  return false;
}
