/**
 * HTML report: one self-contained page (inline CSS and JS; no fonts, scripts, images or requests from
 * elsewhere) for triaging an audit in a browser. Everything is in the HTML, so it reads and prints
 * without JavaScript; the script only adds filtering and sorting. Built from the JSON report's
 * findings, so redaction is exactly the JSON report's.
 */
import { isIncomplete } from '../skip-records.js';
import { basename } from 'node:path';
import { SEVERITIES, type Rule } from '@hush/rules';
import type { ScanResult } from '../types.js';
import { reportHashKey, type ReportContext } from './context.js';
import { findingToJson } from './json.js';
import { ruleIndex } from './guidance.js';

type JsonFinding = ReturnType<typeof findingToJson>;
type Status = 'in-tree' | 'history-only' | 'live';

const escapeHtml = (text: unknown): string =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function statusOf(f: JsonFinding): Status {
  const verification = (f as { verification?: { status?: string } }).verification;
  if (verification?.status === 'live') return 'live';
  return f.inHead === false ? 'history-only' : 'in-tree';
}

const STATUS_LABEL: Record<Status, string> = { live: 'verified live', 'in-tree': 'still in the tree', 'history-only': 'only in history' };

function countBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function totalsTable(caption: string, name: string, rows: Array<[string, number]>): string {
  const body = rows.map(([label, n]) => `<tr><th scope="row">${escapeHtml(label)}</th><td data-total="${name}:${escapeHtml(label)}">${n}</td></tr>`).join('');
  return `<table class="totals"><caption>${escapeHtml(caption)}</caption><tbody>${body || '<tr><td colspan="2">none</td></tr>'}</tbody></table>`;
}

/** Findings introduced per month, as bars (an inline SVG: no chart library, no script). */
function timeline(findings: readonly JsonFinding[]): string {
  const months = countBy(
    findings.filter((f) => f.commit?.date),
    (f) => f.commit!.date.slice(0, 7),
  ).sort((a, b) => a[0].localeCompare(b[0]));
  if (!months.length) return '<p class="muted">No commit dates (not a history audit).</p>';
  const max = Math.max(...months.map(([, n]) => n));
  const barWidth = 28;
  const height = 120;
  const width = Math.max(months.length * (barWidth + 6) + 10, 200);
  const bars = months
    .map(([month, n], i) => {
      const h = Math.max(2, Math.round((n / max) * (height - 30)));
      const x = 10 + i * (barWidth + 6);
      return `<g><title>${escapeHtml(month)}: ${n}</title><rect x="${x}" y="${height - 18 - h}" width="${barWidth}" height="${h}" class="bar"/><text x="${x + barWidth / 2}" y="${height - 4}" text-anchor="middle" class="axis">${escapeHtml(month.slice(2))}</text><text x="${x + barWidth / 2}" y="${height - 22 - h}" text-anchor="middle" class="axis">${n}</text></g>`;
    })
    .join('');
  return `<svg role="img" aria-label="Secrets introduced per month" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars}</svg>`;
}

function list(items: readonly string[], ordered = false): string {
  const tag = ordered ? 'ol' : 'ul';
  return items.length ? `<${tag}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>` : '';
}

function findingRow(f: JsonFinding, rule: Rule | undefined, index: number): string {
  const status = statusOf(f);
  const provider = rule?.provider ?? 'Other';
  const date = f.commit?.date ?? '';
  const details = f.details ? Object.entries(f.details).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`) : [];
  const commit = f.commit
    ? `<dt>Introduced</dt><dd><code>${escapeHtml(f.commit.sha.slice(0, 12))}</code> by ${escapeHtml(f.commit.author)} on ${escapeHtml(f.commit.date)} at <code>${escapeHtml(f.commit.path)}</code></dd>`
    : '';
  const g = f.guidance;
  return `<tr class="finding" data-severity="${f.severity}" data-provider="${escapeHtml(provider)}" data-status="${status}" data-date="${escapeHtml(date)}" data-index="${index}">
<td><span class="sev sev-${f.severity}">${f.severity}</span></td>
<td>${escapeHtml(f.title)}<br><code class="muted">${escapeHtml(f.ruleId)}</code></td>
<td>${escapeHtml(provider)}</td>
<td><code>${escapeHtml(f.path)}:${f.line}</code></td>
<td class="secret"><code>${escapeHtml(f.secret)}</code></td>
<td>${STATUS_LABEL[status]}</td>
<td>${escapeHtml(date.slice(0, 10))}</td>
<td><details><summary>Playbook</summary>
<dl><dt>Location</dt><dd><code>${escapeHtml(f.path)}</code> line ${f.line}, column ${f.column}</dd>
<dt>Secret</dt><dd><code>${escapeHtml(f.secret)}</code></dd>
<dt>Snippet</dt><dd><pre>${escapeHtml(f.snippet)}</pre></dd>
${commit}
<dt>Offline check</dt><dd>${escapeHtml(f.validity)}${details.length ? list(details) : ''}</dd></dl>
<div class="playbook"><p><strong>What leaked.</strong> ${escapeHtml(g.summary)}</p>
<p><strong>Rotate it now</strong> (removing the line does not revoke it; it stays in git history):</p>${list(g.steps, true)}
${g.instead.length ? `<p><strong>Use instead:</strong></p>${list(g.instead)}` : ''}
${g.references.length ? `<p><strong>References:</strong></p>${list(g.references)}` : ''}</div>
</details></td>
</tr>`;
}

/** A filter; each option reads as the table and the totals word it (`labels`), its value is the row's data. */
function select(name: string, label: string, values: readonly string[], labels: Readonly<Record<string, string>> = {}): string {
  const options = values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(labels[v] ?? v)}</option>`).join('');
  return `<label>${label} <select data-filter="${name}"><option value="">all</option>${options}</select></label>`;
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#5b636e;--line:#d0d7de;--crit:#a40e26;--high:#bc4c00;--med:#7d5e00;--low:#3b6e3b}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#30363d}}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:1rem;max-width:1200px}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin-top:1.6rem}
.muted{color:var(--muted)}code,pre{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere;white-space:pre-wrap}
.summary{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.totals{border-collapse:collapse;min-width:12rem}
.totals caption{text-align:left;font-weight:600}.totals th,.totals td{border-bottom:1px solid var(--line);padding:.15rem .6rem .15rem 0;text-align:left}
table.findings{border-collapse:collapse;width:100%}table.findings th,table.findings td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem}.sev-critical{color:var(--crit)}.sev-high{color:var(--high)}.sev-medium{color:var(--med)}.sev-low{color:var(--low)}
.bar{fill:#0969da}.axis{font-size:10px;fill:currentColor}.filters{display:flex;flex-wrap:wrap;gap:1rem;margin:.6rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}dt{font-weight:600}dd{margin:0}
@media (max-width:720px){table.findings thead{display:none}table.findings tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}table.findings td{display:block;border:0;padding:.1rem 0}dl{grid-template-columns:1fr}}
@media print{.filters{display:none}details{display:block}details>*{display:block}tr.finding[hidden]{display:table-row}}
`;

// Filtering and sorting only; the page is complete without it.
const SCRIPT = `
(function(){
  var rows=[].slice.call(document.querySelectorAll('tr.finding'));
  var selects=[].slice.call(document.querySelectorAll('select[data-filter]'));
  var shown=document.getElementById('shown');
  function apply(){
    var n=0;
    rows.forEach(function(r){
      var ok=selects.every(function(s){return !s.value||r.dataset[s.dataset.filter]===s.value;});
      r.hidden=!ok; if(ok)n++;
    });
    shown.textContent=String(n);
  }
  selects.forEach(function(s){s.addEventListener('change',apply);});
  var sort=document.getElementById('sort');
  sort.addEventListener('change',function(){
    var body=rows[0]&&rows[0].parentNode; if(!body)return;
    var dir=sort.value==='oldest'?1:-1;
    rows.slice().sort(function(a,b){
      if(sort.value==='report')return a.dataset.index-b.dataset.index;
      return dir*(a.dataset.date<b.dataset.date?-1:a.dataset.date>b.dataset.date?1:0);
    }).forEach(function(r){body.appendChild(r);});
  });
  document.getElementById('controls').hidden=false;
  apply();
})();
`;

export interface HtmlContext extends ReportContext {
  /** Shown in the title: the repository or directory audited. */
  title?: string;
}

export function renderHtml(result: ScanResult, context: HtmlContext): string {
  const rules = ruleIndex(context.rules);
  const partial = result.skipped.filter(isIncomplete).length;
  const findings = result.findings.map((f) => findingToJson(f, rules.get(f.ruleId), context.showSecrets, reportHashKey(result, context), context.remoteUrl));
  const providerOf = (f: JsonFinding) => rules.get(f.ruleId)?.provider ?? 'Other';
  const bySeverity = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as [string, number]);
  const byStatus = countBy(findings, (f) => STATUS_LABEL[statusOf(f)]);
  const byProvider = countBy(findings, providerOf);
  const heading = context.title ?? (basename(result.root) || result.root);
  const rows = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (b.f.commit?.date ?? '').localeCompare(a.f.commit?.date ?? '') || a.i - b.i)
    .map(({ f, i }) => findingRow(f, rules.get(f.ruleId), i))
    .join('\n');
  const stats = result.stats;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>hush report: ${escapeHtml(heading)}</title>
<style>${STYLE}</style></head>
<body>
<header><h1>hush report: ${escapeHtml(heading)}</h1>
<p class="muted">hush ${escapeHtml(context.toolVersion)} · <span id="total">${findings.length}</span> findings · ${stats.filesScanned} files${stats.blobsScanned !== undefined ? `, ${stats.blobsScanned + (stats.blobsCached ?? 0)} blobs` : ''}${stats.commitsScanned !== undefined ? `, ${stats.commitsScanned} commits` : ''} · secrets are redacted</p></header>
<main>
<section class="summary" aria-label="Totals">
${totalsTable('By severity', 'severity', bySeverity)}
${totalsTable('By status', 'status', byStatus)}
${totalsTable('By provider', 'provider', byProvider)}
</section>
<h2>When secrets were introduced</h2>
${timeline(findings)}
<h2>Findings</h2>
<div id="controls" class="filters" hidden>
${select(
  'severity',
  'Severity',
  SEVERITIES.filter((s) => findings.some((f) => f.severity === s)),
)}
${select('provider', 'Provider', byProvider.map(([p]) => p).sort())}
${select(
  'status',
  'Status',
  (['live', 'in-tree', 'history-only'] as Status[]).filter((s) => findings.some((f) => statusOf(f) === s)),
  STATUS_LABEL,
)}
<label>Sort <select id="sort"><option value="newest">newest first</option><option value="oldest">oldest first</option><option value="report">report order</option></select></label>
<span><span id="shown">${findings.length}</span> shown</span>
</div>
<table class="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Provider</th><th>Location</th><th>Secret</th><th>Status</th><th>Introduced</th><th>Details</th></tr></thead>
<tbody>
${rows || `<tr><td colspan="8">${partial ? 'No secrets found in what was scanned: the scan is incomplete (see Not scanned).' : 'No secrets found.'}</td></tr>`}
</tbody></table>
${result.warnings.length ? `<h2>Warnings</h2>${list(result.warnings)}` : ''}
${partial ? `<p class="incomplete"><strong>Scan incomplete:</strong> ${partial} ${partial === 1 ? 'file was' : 'files were'} not scanned to the end (listed under Not scanned); this is not a clean result.</p>` : ''}
${result.skipped.length ? `<h2>Not scanned</h2>${list(result.skipped.map((s) => `${s.path}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}`))}` : ''}
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
