/** Org-wide audits (`hush org inventory|run|merge`), loaded only by those commands. */
export { listRepositories, parseInventory, DEFAULT_API, PROVIDER_NAMES, type InventoryEntry, type ProviderName } from './inventory.js';
export { selectShard } from './partition.js';
export { orgKey } from './org-key.js';
export { runShard, TRANSPORTS, DEFAULT_TRANSPORTS } from './shard.js';
export { readResults, safeFileName } from './result.js';
export { mergeResults, type OrgReport } from './merge.js';
export { renderOrgHtml } from './html.js';
export { renderOrgSarif } from './sarif.js';
export { checkEndpoint } from '../verify/endpoints.js';
