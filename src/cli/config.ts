import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { UsageError } from './exit-codes';

/** Where the service is and which key to use. */
export interface Connection {
  url: string;
  apiKey: string;
}

export interface ConnectionFlags {
  url?: string;
  apiKey?: string;
  profile?: string;
}

/**
 * The profile file (YAML): `FABRIC_PROFILES`, or `~/.config/fabric/profiles.yaml`:
 *
 *   default: lab
 *   profiles:
 *     lab: { url: http://localhost:3000, apiKey: fm_… }
 */
export function profilesPath(env: NodeJS.ProcessEnv): string {
  return env.FABRIC_PROFILES ?? path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'fabric', 'profiles.yaml');
}

/** Flags win over FABRIC_URL/FABRIC_API_KEY, which win over the profile (`--profile`, FABRIC_PROFILE, or the file's default). */
export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Connection {
  const profile = loadProfile(flags.profile ?? env.FABRIC_PROFILE, env);
  const url = flags.url ?? env.FABRIC_URL ?? profile?.url;
  const apiKey = flags.apiKey ?? env.FABRIC_API_KEY ?? profile?.apiKey;
  if (!url) throw new UsageError(`no service URL: set FABRIC_URL, pass --url, or add a profile to ${profilesPath(env)}`);
  if (!/^https?:\/\//.test(url)) throw new UsageError(`the service URL must start with http:// or https://: ${url}`);
  if (!apiKey) throw new UsageError(`no API key: set FABRIC_API_KEY, pass --api-key, or add a profile to ${profilesPath(env)}`);
  return { url, apiKey };
}

function loadProfile(name: string | undefined, env: NodeJS.ProcessEnv): Partial<Connection> | undefined {
  const file = profilesPath(env);
  if (!existsSync(file)) {
    if (name) throw new UsageError(`profile ${name} asked for, but there is no profile file at ${file}`);
    return undefined;
  }
  let content: { default?: string; profiles?: Record<string, Partial<Connection>> };
  try {
    content = (parse(readFileSync(file, 'utf8')) ?? {}) as typeof content;
  } catch (error) {
    throw new UsageError(`cannot read the profile file ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const chosen = name ?? content.default;
  if (!chosen) return undefined;
  const profile = content.profiles?.[chosen];
  if (!profile) throw new UsageError(`no profile named ${chosen} in ${file}`);
  return profile;
}
