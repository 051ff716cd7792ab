/**
 * @hush/scanner: what the CLI and the pre-commit hook use, and nothing else (knip --production keeps
 * it so). The scans and their settings; reports, baselines and secret hashes; git access for the hook
 * installer; the errors a user can fix. `@hush/scanner/verify` is the opt-in network check.
 */
export type { Finding, ScanResult, SecretHashKey, SkippedFile } from './types.js';
export { ConfigError, GitError } from './errors.js';
export { isIncomplete } from './skip-records.js';
export { scanPaths } from './scan-tree.js';
export { scanStaged } from './scan-staged.js';
export { scanPush, type RefUpdate, type PushScanResult } from './scan-push.js';
export { loadServerPolicy, type ServerPolicy } from './config/server-policy.js';
export { auditRepository, type AuditProgress } from './audit.js';
export { loadScanSettings } from './scan-settings.js';
export { settle, reportHashKey, type Notices } from './policy/post-scan.js';
export { enclosingRepoRoot, refuseRepositoryLinks, writeOutputFile } from './contained-files.js';
export { repositoryPlaces } from './sources/work-trees.js';
export { redact, stripUrlCredentials } from './detect/redact.js';
export { renderJson } from './report/json.js';
export { renderSarif } from './report/sarif.js';
export { renderText, renderSummary, findingLocation, findingsByRule, skipReason, checksumDroppedNote } from './report/text.js';
export { printable } from './report/printable.js';
export { renderHtml } from './report/html.js';
export { guidanceFor, playbookText } from './report/guidance.js';
export { keyedHash, repositoryHashKey, slowHashesToDo, warmKeyedHashes } from './report/secret-hash.js';
export { BASELINE_FILE, baselineFromFindings, baselineHashKey, importBaseline, loadBaseline, pruneBaseline, writeBaseline } from './report/baseline.js';
export { repoInfo } from './sources/git-history.js';
export { admitPushQuarantine, gitSync } from './sources/git-process.js';
export { purgeExpressions, purgeSteps, selectForPurge } from './purge-plan.js';
export { shellQuote } from './shell-quote.js';
