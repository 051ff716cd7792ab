// Issue 12, "Wrong results": each case once missed a secret or misplaced it; all through the real CLI.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHush, perTestTemp } from './helpers.js';

const temp = perTestTemp();

interface JsonReport {
  findings: Array<{ ruleId: string; path: string; line: number; column: number; endColumn: number; secret: string; inHead?: boolean; commit?: { sha: string; path: string } }>;
  skipped: Array<{ path: string; reason: string; detail?: string }>;
  stats: { filesScanned: number };
}

async function scanJson(cwd: string, ...args: string[]): Promise<JsonReport> {
  const run = await runHush(['scan', ...args, '-f', 'json'], cwd);
  expect(run.code, run.stderr).toBeLessThan(2);
  return JSON.parse(run.stdout) as JsonReport;
}

/** A signed-looking JWT with an Entra-like payload padded to about `length` characters. */
function longJwt(length: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'RS256', typ: 'JWT', kid: 'test-key' });
  const claims = { aud: 'api://reports', iss: 'https://login.microsoftonline.com/tenant/v2.0', exp: 2051222400, iat: 1767225600, roles: [] as string[] };
  while (header.length + part(claims).length + 350 < length) claims.roles.push(`Reports.Read.${claims.roles.length}`);
  return `${header}.${part(claims)}.${randomBytes(256).toString('base64url')}`;
}

describe('keyword windows reach the end of long tokens', () => {
  it('finds a 2,500-character JWT in the middle of a long line, at its column', async () => {
    const d = temp.dir();
    const jwt = longJwt(2500);
    expect(jwt.length).toBeGreaterThan(2400);
    const before = `${'x'.repeat(3000)} Authorization: Bearer `;
    writeFileSync(join(d, 'trace.log'), `${before}${jwt} ${'y'.repeat(3000)}\n`);
    const report = await scanJson(d, '.');
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'generic.jwt', line: 1, column: before.length + 1, endColumn: before.length + jwt.length + 1 })]);
  });

  it('finds a SAS URL whose sv= parameter is far before its sig= keyword on a long line', async () => {
    const d = temp.dir();
    const signature = `${randomBytes(32).toString('base64').replace(/[+/=]/g, 'A')}%3D`;
    const url = `https://contosodata.blob.core.windows.net/c/b?sv=2022-11-02&ss=b&sp=r&se=2030-01-01&meta=${'m'.repeat(1800)}&sig=${signature}`;
    const before = `${'z '.repeat(1500)}url="`;
    writeFileSync(join(d, 'config.js'), `${before}${url}";\n`);
    const report = await scanJson(d, '.');
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'azure.storage-sas-token', line: 1, endColumn: before.length + url.length + 1 })]);
  });
});
