/** The offline validators a rule can name; each maps a secret to a validity verdict. */
import type { ValidatorName } from '@hush/rules';
import { validateAwsAccessKeyId } from './aws.js';
import { validateAzureIdentifiableKey } from './azure-keys.js';
import { validateBasicAuth } from './basic-auth.js';
import { validateJwt } from './jwt.js';
import { FIXTURE_PATH, validatePkcs12, validatePrivateKey } from './keys.js';
import { validateAzureDevopsPat, validateEntraClientSecret, validateGithubToken, validateGitlabToken, validateNpmToken } from './tokens.js';
import type { Validator } from './types.js';

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
