/**
 * `--verify` for scan, audit and staged: loads the config's `verify` settings, announces the hosts
 * once on stderr, and asks each provider about the findings it can check. Loaded only when the flag
 * is given, so no scan without it touches network code.
 */
import { findConfigFile, loadConfig, type ScanResult } from '@hush/scanner';
import type { Io } from './io.js';

export async function withVerification<T extends ScanResult>(result: T, io: Io, configFile: string | undefined): Promise<T> {
  const { verifyFindings } = await import('@hush/scanner/verify');
  const config = await loadConfig(findConfigFile(configFile === undefined ? undefined : configFile, [result.root]));
  const settings = config.verify ?? {};
  const findings = await verifyFindings(result.findings, {
    endpoints: settings.endpoints,
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    announce: (hosts) => io.stderr(`verify: checking found secrets with their providers (read-only requests to ${hosts.join(', ')})\n`),
    warn: (line) => io.stderr(`${line}\n`),
  });
  return { ...result, findings };
}
