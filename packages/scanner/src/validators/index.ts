/** The offline validators a rule can name; each maps a secret to a validity verdict. */
import type { Severity, ValidatorName } from '@hush/rules';
import type { FindingDetails, Validity } from '../types.js';
import { isPlaceholder } from '../placeholders.js';
import { validateAwsAccessKeyId } from './aws.js';
import { validateAzureIdentifiableKey } from './azure-keys.js';
import { validateJwt } from './jwt.js';
import { FIXTURE_PATH, validatePkcs12, validatePrivateKey } from './keys.js';
import { validateAzureDevopsPat, validateEntraClientSecret, validateGithubToken, validateGitlabToken, validateNpmToken } from './tokens.js';

export interface ValidatorResult {
  validity: Validity;
  /** The text is certainly not a live credential of this kind: drop the finding. */
  drop?: boolean;
  /** Overrides the rule's severity (encrypted keys, expired tokens, canaries). */
  severity?: Severity;
  details?: FindingDetails;
}

/** `content` and `path`: a file matched by its path alone (PKCS#12 bundles), its bytes and where it is. */
export type Validator = (secret: string, content?: Uint8Array, path?: string) => ValidatorResult;

/** Validators whose verdict also depends on the file's path (a PKCS#12 bundle under a test-fixture path). */
export const PATH_DEPENDENT: Partial<Record<ValidatorName, RegExp>> = { pkcs12: FIXTURE_PATH };

/**
 * Validators that tell a template from a real value themselves, so the engine's placeholder words
 * are not applied to the whole match: a key body is thousands of random base64 characters, where
 * `dummy` or `xxxxx` turns up by chance (about 1 RSA key in 10,000), and a key that parses is a key.
 */
export const JUDGES_TEMPLATES: ReadonlySet<ValidatorName> = new Set(['private-key']);

export const validators: Record<ValidatorName, Validator> = {
  'github-token': validateGithubToken,
  'npm-token': validateNpmToken,
  'gitlab-token': validateGitlabToken,
  'entra-client-secret': validateEntraClientSecret,
  'azure-identifiable-key': validateAzureIdentifiableKey,
  'azure-devops-pat': validateAzureDevopsPat,
  'private-key': validatePrivateKey,
  pkcs12: validatePkcs12,
  jwt: (secret) => validateJwt(secret),
  'aws-access-key-id': validateAwsAccessKeyId,
  'basic-auth': validateBasicAuth,
};

/** HTTP Basic credentials: base64 of `user:password` with a real password. */
function validateBasicAuth(secret: string): ValidatorResult {
  const decoded = Buffer.from(secret, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return { validity: 'unchecked', drop: true };
  const password = decoded.slice(colon + 1);
  if (password.length < 6 || isPlaceholder(password) || /^(?:password|passwd|pass|secret|changeme|admin)$/i.test(password)) return { validity: 'unchecked', drop: true };
  return { validity: 'parsed', details: { user: decoded.slice(0, colon) } };
}
