/**
 * The rules a command talks about: the ones a scan from here would run (built-ins plus the custom
 * rules of `.hush.json`, found as `hush scan` finds it, or named with --config), and for look-ups
 * also the built-ins that config disables, so their playbooks stay readable.
 */
import { resolve } from 'node:path';
import { builtinRules, type Rule } from '@hush/rules';
import { enclosingRepoRoot, loadScanSettings } from '@hush/scanner';
import type { Io } from '../io.js';

export interface RuleCatalogue {
  inEffect: Rule[];
  find(id: string): Rule | undefined;
}

export async function ruleCatalogue(io: Io, config: string | undefined): Promise<RuleCatalogue> {
  const repoRoot = enclosingRepoRoot(io.cwd);
  const { rules } = await loadScanSettings(config === undefined ? undefined : resolve(io.cwd, config), [io.cwd, ...(repoRoot ? [repoRoot] : [])]);
  return {
    inEffect: rules,
    find: (id) => rules.find((r) => r.id === id) ?? builtinRules().find((r) => r.id === id),
  };
}
