/**
 * The user's own hush settings: `$XDG_CONFIG_HOME/hush/config.json`, else `~/.config/hush/config.json`.
 * It lives outside every repository, so it is where settings that send secrets over the network
 * (verification endpoints, verification in the hook) are trusted from. It holds only `verify`.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { HushConfig } from '../config/config-shape.js';
import { parseConfig } from '../config/config.js';
import { readSettingsFile } from '../config/settings-file.js';
import { ConfigError } from '../errors.js';

/** Where the user's config is looked for (it need not exist). */
function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'hush', 'config.json');
}

/** The user's `verify` settings, or undefined when there is no user config. */
export async function loadUserConfig(env: NodeJS.ProcessEnv = process.env): Promise<{ verify: NonNullable<HushConfig['verify']>; label: string } | undefined> {
  const path = userConfigPath(env);
  if (!existsSync(path)) return undefined;
  const config = await parseConfig(readSettingsFile(path, path), path);
  const other = Object.keys(config).find((key) => key !== 'verify' && key !== '$schema');
  // Scan settings belong to the repository they describe; a user-wide one would be silently applied everywhere.
  if (other)
    throw new ConfigError(`${path}: "${other}" is not read from the user config (it holds only "verify"; put scan settings in the repository's .hush.json)`);
  return { verify: config.verify ?? {}, label: path };
}
