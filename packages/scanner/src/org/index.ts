/** Org-wide audits (`hush org inventory|run|merge`), loaded only by those commands. */
export { listRepositories, parseInventory, type ProviderName } from './inventory.js';
export { selectShard } from './partition.js';
export { orgKey } from './org-key.js';
export { runShard, TRANSPORTS } from './shard.js';
export { readResults, safeFileName } from './result.js';
export { mergeResults } from './merge.js';
export { renderOrgHtml } from './html.js';
export { renderOrgSarif } from './sarif.js';
export { checkEndpoint } from '../verify/endpoints.js';
