/** What a validator is and what it answers; every validator module and the registry share these. */
import type { Severity } from '@hush/rules';
import type { FindingDetails, Validity } from '../../types.js';

export interface ValidatorResult {
  validity: Validity;
  /** The text is certainly not a live credential of this kind: drop the finding. */
  drop?: boolean;
  /** Overrides the rule's severity (encrypted keys, expired tokens, canaries). */
  severity?: Severity;
  details?: FindingDetails;
  /** Well-formed, but a published sample (the reason): passed over like a placeholder, listed under --include-suppressed. */
  sample?: string;
}

/** `content` and `path`: a file matched by its path alone (PKCS#12 bundles), its bytes and where it is. */
export type Validator = (secret: string, content?: Uint8Array, path?: string) => ValidatorResult;
