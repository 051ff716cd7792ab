/** Shapes shared by every stage of the pipeline: sources produce blobs, the engine findings. */
import type { Severity } from '@hush/rules';

export type Validity = 'checksum-valid' | 'checksum-invalid' | 'parsed' | 'expired' | 'unchecked';

/** Extra facts a validator learned offline (key type, account id, expiry...). Never the secret. */
export type FindingDetails = { [fact: string]: string | number | boolean | AppCredential | undefined; app?: AppCredential };

/**
 * The Entra app a client secret or certificate key belongs to, found beside it. Identifiers, not
 * secrets: shown as they are, so the user knows which app registration to open.
 */
export interface AppCredential {
  clientId?: string;
  /** Tenant GUID or domain. */
  tenant?: string;
  /** login.microsoftonline.com (public), login.microsoftonline.us (US Government), login.chinacloudapi.cn (China). */
  authorityHost?: string;
}

/** What a provider's own endpoint said about a secret (opt-in `--verify`, read-only requests). */
export interface Verification {
  status: 'live' | 'invalid' | 'expired' | 'unknown' | 'error';
  detail: string;
  checkedAt: string;
}

/** Where a blob came from in git history (absent for plain files). */
export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  date: string;
  /** Path at that commit. */
  path: string;
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Relative to the scan root (or repo root), `/`-separated. */
  path: string;
  /** 1-based; columns count UTF-16 code units; endColumn is one past the last character (as in SARIF). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The secret as found. Stays in memory: reporters print `redact(rawSecret)` unless told otherwise. */
  rawSecret: string;
  /** SHA-256 of path, rule and position: identifies this occurrence. */
  fingerprint: string;
  /** SHA-256 of rule id and secret: stable when lines move, the key of baselines. */
  secretHash: string;
  /**
   * The salted, slow hash of the secret that outputs carry as `secretHash` (see secret-hash.ts);
   * set just before a report or baseline is written.
   */
  keyedHash?: string;
  validity: Validity;
  details?: FindingDetails;
  /** Raw partner values (an account SID beside its token), in memory only for --verify; never reported. */
  partnerValues?: Record<string, string>;
  /** Set by --verify: what the provider said about this secret. */
  verification?: Verification;
  /** GitHub's primaryLocationLineHash for the start line (see line-hash.ts). */
  lineHash?: string;
  /** Text of the line holding the start of the secret, for snippets (redacted on output). */
  lineText: string;
  /**
   * The start line as reports show it: every secret on the line (this finding's and the others') and
   * every random-looking token masked, then cut to a window. Absent: reports show no snippet.
   */
  snippet?: string;
  commit?: CommitInfo;
  inHead?: boolean;
  /** Set when an inline marker, baseline or allow-list suppressed the finding. */
  suppression?: { kind: 'inSource' | 'external'; reason: string };
}

export interface SkippedFile {
  path: string;
  /**
   * `timeout` and `out-of-memory`: scanning stopped part-way (findings before the stop are reported);
   * these two make a scan incomplete. Bytes no reading decodes are `binary`.
   */
  reason: 'too-large' | 'binary' | 'unreadable' | 'symlink-outside-root' | 'symlink-loop' | 'timeout' | 'out-of-memory';
  detail?: string;
}

/** @public part of an exported shape */
export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  filesSkipped: number;
  findings: number;
  rulesRun: number;
  durationMs: number;
  blobsScanned?: number;
  blobsCached?: number;
  commitsScanned?: number;
  /** Findings an applied baseline accepted (left out of the report unless --include-suppressed). */
  baselined?: number;
  /** Candidates in a known token format whose checksum failed: left out (shown by --include-suppressed). */
  checksumDropped?: number;
  /** Providers of those candidates (`GitHub`), for the summary's one line. */
  checksumDroppedProviders?: string[];
  /** Locations of a secret beyond the per-secret cap, counted instead of listed. */
  locationsOmitted?: number;
}

export interface ScanResult {
  findings: Finding[];
  /** The key outputs hash secrets under: the applied baseline's (set with it), else the repository's. */
  secretHashKey?: SecretHashKey;
  skipped: SkippedFile[];
  stats: ScanStats;
  /** Absolute path that finding paths are relative to. */
  root: string;
  warnings: string[];
}

/** The salt and work factor of the scrypt hash of secrets that leave the process (secret-hash.ts). */
export interface SecretHashKey {
  kdf: 'scrypt';
  /** Hex. */
  salt: string;
  N: number;
  r: number;
  p: number;
}
