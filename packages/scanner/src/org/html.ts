/**
 * An organisation report as one self-contained HTML page (no requests elsewhere, no script): the
 * secrets first, ranked by reach (verified live, still in how many repositories' trees, in how many
 * repositories), each with every location; then every repository with its status or error.
 * Secrets appear redacted, exactly as in the JSON.
 */
import type { OrgReport, OrgSecret } from './merge.js';

const escapeHtml = (text: unknown): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function secretRow(secret: OrgSecret, rank: number): string {
  const locations = secret.locations
    .map(
      (l) =>
        `<li><code>${escapeHtml(l.repository)}</code>: <code>${escapeHtml(l.path)}:${l.line}</code>${l.commit ? ` in ${escapeHtml(l.commit.slice(0, 12))}` : ''}${l.inHead === false ? ' (history only)' : ''}</li>`,
    )
    .join('');
  const status = secret.reach.live ? 'verified live' : (secret.verification?.status ?? 'not verified');
  return `<tr class="secret" data-rank="${rank}" data-repositories="${secret.reach.repositories}" data-secret-hash="${escapeHtml(secret.secretHash)}">
<td>${rank}</td><td>${escapeHtml(secret.title)}<br><code>${escapeHtml(secret.ruleId)}</code></td><td>${escapeHtml(secret.severity)}</td>
<td><code>${escapeHtml(secret.secret)}</code></td><td>${secret.reach.repositories}</td><td>${secret.reach.inTree}</td><td>${escapeHtml(status)}</td>
<td><details><summary>${secret.locations.length} locations</summary><ul>${locations}</ul></details></td></tr>`;
}

export function renderOrgHtml(report: OrgReport): string {
  const t = report.totals;
  const secrets = report.secrets.map((s, i) => secretRow(s, i + 1)).join('\n');
  const repositories = report.repositories
    .map(
      (r) =>
        `<tr class="repository" data-status="${r.status}"><td><code>${escapeHtml(r.name)}</code></td><td>${r.status}</td><td>${r.findings}</td><td>${r.secrets}</td><td>${escapeHtml(r.error ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>hush organisation report</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-size:12px}tr[data-status=error] td{color:#a00}.totals td{font-weight:600}</style>
</head><body>
<h1>hush organisation report</h1>
<table class="totals"><tbody><tr><th>Repositories</th><td data-total="repositories">${t.repositories}</td><th>Audited</th><td data-total="audited">${t.audited}</td><th>Errors</th><td data-total="errors">${t.errors}</td><th>Findings</th><td data-total="findings">${t.findings}</td><th>Distinct secrets</th><td data-total="secrets">${t.secrets}</td></tr></tbody></table>
<h2>Secrets to rotate, by reach</h2>
<p>One row per distinct secret: rotating it once fixes every location listed. Ranked by verified live, then the repositories whose current tree still holds it, then all repositories that hold it.</p>
<table id="secrets"><thead><tr><th>#</th><th>Secret</th><th>Severity</th><th>Redacted</th><th>Repositories</th><th>In tree</th><th>Verification</th><th>Locations</th></tr></thead><tbody>
${secrets || '<tr><td colspan="8">No secrets found.</td></tr>'}
</tbody></table>
<h2>Repositories</h2>
<table id="repositories"><thead><tr><th>Repository</th><th>Status</th><th>Findings</th><th>Distinct secrets</th><th>Error</th></tr></thead><tbody>
${repositories}
</tbody></table>
<p>hush ${escapeHtml(report.tool.version)}</p>
</body></html>
`;
}
