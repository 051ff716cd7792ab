/**
 * Certificates in scanned text, matched to leaked private keys by public key: the finding then names
 * the certificate's SHA-1 thumbprint, which is what the Entra admin center lists under an app's
 * Certificates & secrets (so you know which credential to delete).
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { Finding } from './types.js';

export interface CertificateInfo {
  /** SHA-256 of the DER SubjectPublicKeyInfo (matches a private key's `publicKeySha256`). */
  publicKeySha256: string;
  /** SHA-1 thumbprint, upper-case hex without separators (as Entra and Windows show it). */
  thumbprint: string;
  subject: string;
  notAfter: string;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----(?:\\[rn]|[\sA-Za-z0-9+/=])+?-----END CERTIFICATE-----/g;

export function certificatesIn(text: string): CertificateInfo[] {
  const found: CertificateInfo[] = [];
  for (const match of text.matchAll(CERTIFICATE)) {
    try {
      const cert = new X509Certificate(match[0].replace(/\\r\\n|\\n|\\r/g, '\n'));
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
  return found;
}

/** Adds the matching certificate's thumbprint to private-key findings. */
export function linkCertificates(findings: Finding[], certificates: CertificateInfo[]): Finding[] {
  if (!certificates.length) return findings;
  const byKey = new Map(certificates.map((c) => [c.publicKeySha256, c]));
  return findings.map((f) => {
    const cert = typeof f.details?.publicKeySha256 === 'string' ? byKey.get(f.details.publicKeySha256) : undefined;
    return cert ? { ...f, details: { ...f.details, certificateThumbprint: cert.thumbprint, certificateSubject: cert.subject, certificateNotAfter: cert.notAfter } } : f;
  });
}
