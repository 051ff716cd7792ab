/**
 * The only definition of a rule and a rotation playbook: JSON Schemas (validated with ajv at
 * build time for built-ins and at load time for user rules) and the TypeScript types they imply.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Names of the offline checks a rule may ask for; the scanner implements each one. */
const VALIDATORS = [
  'github-token',
  'npm-token',
  'gitlab-token',
  'entra-client-secret',
  'azure-identifiable-key',
  'azure-devops-pat',
  'private-key',
  'pkcs12',
  'jwt',
  'aws-access-key-id',
  'basic-auth',
] as const;
export type ValidatorName = (typeof VALIDATORS)[number];

/** Providers whose own endpoint can tell a live credential from a dead one (`--verify`); the scanner implements each. */
const VERIFIERS = [
  'entra-client-secret',
  'entra-certificate',
  'github',
  'gitlab',
  'npm',
  'slack',
  'stripe',
  'sendgrid',
  'twilio',
  'openai',
  'anthropic',
  'huggingface',
  'aws',
  'azure-storage',
] as const;
export type VerifierName = (typeof VERIFIERS)[number];

/**
 * Named classes of paths that many rules skip (documentation examples, lockfiles, generated code):
 * defined once in `data/path-classes.yaml`, referred to by name from rules (`skipPathClasses`).
 */
/** Named groups of a pattern that hold context, never the secret: the variable's name, a quote matched again. */
export const CONTEXT_GROUPS: ReadonlySet<string> = new Set(['name', 'q']);

export const PATH_CLASSES = ['examples', 'type-declarations', 'source-maps', 'minified', 'lockfiles', 'documentation', 'tests'] as const;
type PathClassName = (typeof PATH_CLASSES)[number];

export interface Rule {
  /** Stable dotted id, e.g. `azure.entra-client-secret`. */
  id: string;
  title: string;
  description: string;
  /** Who issues the credential (for grouping and docs). */
  provider?: string;
  severity: Severity;
  /** Literals (case-insensitive) that must occur near a match; the prefilter runs a rule only where one does. */
  keywords?: string[];
  /**
   * JavaScript regex source. The secret is the named group `secret`; else the named group of the
   * alternative that matched (not one of CONTEXT_GROUPS); else group 1; else the whole match.
   */
  pattern?: string;
  /** Extra regex flags (`i`, `s`, `u`, `m`). */
  flags?: string;
  /** Regex source tested against the file path (`/`-separated); with no `pattern` the whole file is the finding. */
  path?: string;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Regex sources tested against the secret; any match cancels the finding. */
  allow?: string[];
  /** Case-insensitive substrings of the secret that cancel the finding. */
  stopwords?: string[];
  /** Regex sources tested against the whole match (e.g. the key name); any match cancels the finding. */
  allowMatch?: string[];
  /** Regex source that must match right after a keyword hit for the hit to count (a cheap gate before the pattern). */
  keywordFollowedBy?: string;
  /** Regex source on the file path: the rule runs only on matching files. */
  paths?: string;
  /** Regex source on the file path: the rule never runs on matching files. */
  skipPaths?: string;
  /** Named path classes the rule never runs on (added to `skipPaths`); see PATH_CLASSES. */
  skipPathClasses?: PathClassName[];
  /**
   * Which rule's finding is kept where two of equal severity find the same secret: higher wins
   * (default 0). Overlapping rules must not tie (the linter checks their examples).
   */
  precedence?: number;
  /** Characters searched around a keyword hit beyond its own line (default 0: the line only); for multi-line secrets. */
  window?: number;
  /** Generic rules yield to any specific rule that found an overlapping secret. */
  generic?: boolean;
  /**
   * Regex source (case-insensitive) that must match near the secret (a few hundred characters either
   * side) for the finding to count: the evidence that names the provider.
   */
  context?: string;
  /**
   * Values that complete the credential (an account id, an app id, a site), by name: regex sources
   * (case-insensitive) whose first matching group (else the match) is searched near the secret and recorded,
   * redacted, in the finding's details. They never decide whether a finding is reported.
   */
  partners?: Record<string, string>;
  validator?: ValidatorName;
  /** The provider check `--verify` runs on this rule's findings (built-in rules only). */
  verify?: VerifierName;
  /** Id of a rotation playbook; user rules without one get the generic playbook. */
  guidance?: string;
  /** Texts in which the rule must find a secret. */
  examples: string[];
  /** Texts in which the rule must find nothing. */
  counterExamples?: string[];
  references?: string[];
}

export interface Playbook {
  id: string;
  title: string;
  /** What leaked and what an attacker can do with it. */
  summary: string;
  /** How to revoke and rotate, in order; the first step is shown next to every finding. */
  steps: string[];
  /** What to use instead of a long-lived secret in code. */
  instead: string[];
  references: string[];
}

const regexSource = { type: 'string', minLength: 1, format: 'regex' } as const;

export const ruleSchema = {
  $id: 'hush:rule',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'description', 'severity', 'examples'],
  anyOf: [{ required: ['pattern'] }, { required: ['path'] }],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(?:[.-][a-z0-9]+)*$', maxLength: 80 },
    title: { type: 'string', minLength: 3, maxLength: 120 },
    description: { type: 'string', minLength: 3, maxLength: 1000 },
    provider: { type: 'string', minLength: 1 },
    severity: { enum: [...SEVERITIES] },
    keywords: { type: 'array', items: { type: 'string', minLength: 2 }, uniqueItems: true },
    pattern: regexSource,
    flags: { type: 'string', pattern: '^[imsu]*$' },
    path: regexSource,
    entropy: { type: 'number', minimum: 0, maximum: 8 },
    allow: { type: 'array', items: regexSource },
    stopwords: { type: 'array', items: { type: 'string', minLength: 1 } },
    allowMatch: { type: 'array', items: regexSource },
    keywordFollowedBy: regexSource,
    paths: regexSource,
    skipPaths: regexSource,
    skipPathClasses: { type: 'array', items: { enum: [...PATH_CLASSES] }, uniqueItems: true, minItems: 1 },
    precedence: { type: 'integer', minimum: -9, maximum: 9 },
    window: { type: 'integer', minimum: 0, maximum: 1048576 },
    generic: { type: 'boolean' },
    context: regexSource,
    partners: { type: 'object', additionalProperties: regexSource, propertyNames: { pattern: '^[a-z][A-Za-z0-9]*$' } },
    validator: { enum: [...VALIDATORS] },
    verify: { enum: [...VERIFIERS] },
    guidance: { type: 'string', minLength: 1 },
    examples: { type: 'array', items: { type: 'string', minLength: 1 } },
    counterExamples: { type: 'array', items: { type: 'string' } },
    references: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
} as const;

export const playbookSchema = {
  $id: 'hush:playbook',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'summary', 'steps', 'instead', 'references'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(?:[.-][a-z0-9]+)*$' },
    title: { type: 'string', minLength: 3 },
    summary: { type: 'string', minLength: 10 },
    steps: { type: 'array', minItems: 1, items: { type: 'string', minLength: 5 } },
    instead: { type: 'array', items: { type: 'string', minLength: 5 } },
    references: { type: 'array', items: { type: 'string', minLength: 5 } },
  },
} as const;

/** The playbook every rule without its own falls back to (user rules above all). */
export const GENERIC_PLAYBOOK_ID = 'generic-secret';

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * The order in which overlapping findings are preferred (lower wins): specific rules before generic
 * ones (a generic rule that needed evidence naming its provider before one that did not), then
 * severity, then higher `precedence`. Rules equal here tie; the scanner then takes the lower id, never the
 * position in the data files, and the linter rejects ties between rules whose examples overlap.
 */
export function ruleOrder(rule: Pick<Rule, 'generic' | 'context' | 'precedence' | 'severity'>): number {
  const tier = rule.generic ? (rule.context ? 100 : 200) : 0;
  return tier + SEVERITY_ORDER[rule.severity] * 19 + (9 - (rule.precedence ?? 0));
}

/** `skipPathClasses` folded into `skipPaths`, with the class patterns given (built-in data's, or a user's rule). */
export function withPathClasses(rule: Rule, classes: Readonly<Record<string, string>>): Rule {
  if (!rule.skipPathClasses?.length) return rule;
  const { skipPathClasses, ...rest } = rule;
  const sources = [...(rule.skipPaths ? [rule.skipPaths] : []), ...skipPathClasses.map((name) => classes[name])];
  return { ...rest, skipPaths: sources.map((source) => `(?:${source})`).join('|') };
}
