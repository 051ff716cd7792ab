/** What every reporter is given besides the result: the rules, the tool version, how to show secrets and hash them. */
import type { Rule } from '@hush/rules';
import { NO_REPOSITORY_KEY } from '../config/secret-hash.js';
import type { ScanResult, SecretHashKey } from '../types.js';

export interface ReportContext {
  rules: readonly Rule[];
  showSecrets?: boolean;
  toolVersion: string;
  /** Leave out durations so identical input gives identical bytes. */
  deterministic?: boolean;
  /** What `secretHash` is keyed with (else the result's key, else a fixed one); never the bare SHA-256. */
  secretHashKey?: SecretHashKey;
  /** The repository's remote (userinfo stripped): names the repository in a credential's own steps. */
  remoteUrl?: string;
  /** Which repository and revision the report covers, so reports of many repositories can be merged. */
  repository?: RepositoryIdentity;
}

/** A repository as reports name it: its remote (never with credentials) and the commit HEAD was at. */
export interface RepositoryIdentity {
  remoteUrl?: string;
  head?: string;
  branch?: string;
}

/** The key a report hashes secrets under. */
export function reportHashKey(result: ScanResult, context: ReportContext): SecretHashKey {
  return context.secretHashKey ?? result.secretHashKey ?? NO_REPOSITORY_KEY;
}
