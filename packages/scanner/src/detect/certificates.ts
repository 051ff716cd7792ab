/**
 * Certificates in scanned text, matched to leaked private keys by public key: the finding then names
 * the certificate's SHA-1 thumbprint, which is what the Entra admin center lists under an app's
 * Certificates & secrets (so you know which credential to delete).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { BASE64_PEM_PREFIX, decodeBase64Pem, readPemBlock, toPem } from './pem-text.js';
import type { Finding } from '../types.js';

export interface CertificateInfo {
  /** SHA-256 of the DER SubjectPublicKeyInfo (matches a private key's `publicKeySha256`). */
  publicKeySha256: string;
  /** SHA-1 thumbprint, upper-case hex without separators (as Entra and Windows show it). */
  thumbprint: string;
  subject: string;
  notAfter: string;
}

/** A certificate in the shapes keys are leaked in (indented, escaped, split over string literals). */
const CERTIFICATE = /-----BEGIN CERTIFICATE-----(?:\\{1,2}[rn]|[\sA-Za-z0-9+/=,"'`])+?-----END CERTIFICATE-----/g;
/** A base64-encoded PEM file (a Kubernetes `tls.crt`, a CA bundle in JSON) that starts with a certificate. */
const BASE64_CERTIFICATE = /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t[A-Za-z0-9+/]+={0,2}/g;
/**
 * `BEGIN CERTIFICATE`, plainly and as `-----BEGIN CERTIFICATE-----` reads in base64. The keyword
 * prefilter searches for them in its one pass (see ruleset.ts), so most files need no check of their own.
 */
export const CERTIFICATE_MARKS = ['BEGIN CERTIFICATE', 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t'];
const MARK_BYTES = CERTIFICATE_MARKS.map((mark) => Buffer.from(mark, 'latin1'));

/** Whether the content may hold a certificate (cheap check before `certificatesIn`). */
export function mayHoldCertificate(content: Buffer | string): boolean {
  return typeof content === 'string' ? CERTIFICATE_MARKS.some((mark) => content.includes(mark)) : MARK_BYTES.some((mark) => content.includes(mark));
}

export function certificatesIn(text: string): CertificateInfo[] {
  const found: CertificateInfo[] = [];
  const read = (pem: string) => {
    for (const match of pem.matchAll(CERTIFICATE)) {
      const block = readPemBlock(match[0]);
      if (!block) continue;
      try {
        const cert = new X509Certificate(toPem(block));
        const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
        found.push({
          publicKeySha256: createHash('sha256').update(spki).digest('hex'),
          thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
          subject: cert.subject.replace(/\n/g, ', '),
          notAfter: new Date(cert.validTo).toISOString(),
        });
      } catch {
        // Not a parseable certificate (a template or a truncated paste): nothing to match.
      }
    }
  };
  read(text);
  if (text.includes(BASE64_PEM_PREFIX)) for (const match of text.matchAll(BASE64_CERTIFICATE)) read(decodeBase64Pem(match[0]) ?? '');
  return found;
}

/** Adds the matching certificate's thumbprint to private-key findings. */
export function linkCertificates(findings: Finding[], certificates: CertificateInfo[]): Finding[] {
  if (!certificates.length) return findings;
  const byKey = new Map(certificates.map((c) => [c.publicKeySha256, c]));
  return findings.map((f) => {
    const cert = typeof f.details?.publicKeySha256 === 'string' ? byKey.get(f.details.publicKeySha256) : undefined;
    return cert
      ? { ...f, details: { ...f.details, certificateThumbprint: cert.thumbprint, certificateSubject: cert.subject, certificateNotAfter: cert.notAfter } }
      : f;
  });
}
