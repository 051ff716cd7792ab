/** Picks and runs the reporter for --format. */
import { renderJson, renderSarif, renderText, type ScanResult } from '@hush/scanner';
import type { Rule } from '@hush/rules';
import type { Io } from './io.js';
import { VERSION } from './version.js';

export type Format = 'text' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

export interface RenderOptions {
  format: Format;
  rules: readonly Rule[];
  showSecrets: boolean;
  output?: string;
  deterministic?: boolean;
}

export function render(result: ScanResult, options: RenderOptions, io: Io, extra: Parameters<typeof renderSarif>[1] extends infer C ? Partial<C> : never = {}): string {
  const context = { rules: options.rules, showSecrets: options.showSecrets, toolVersion: VERSION, deterministic: options.deterministic, ...extra };
  if (options.format === 'json') return renderJson(result, context);
  if (options.format === 'sarif') return renderSarif(result, context);
  return renderText(result, { ...context, color: io.isTTY && !options.output && !io.env.NO_COLOR });
}

/** 1 when any unsuppressed finding remains, else 0. */
export function exitCodeFor(result: ScanResult): number {
  return result.findings.some((f) => !f.suppression) ? 1 : 0;
}
