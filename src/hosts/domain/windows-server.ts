/**
 * Windows Server releases as the fabric sees them: the VM configuration versions each host OS
 * runs, the default for new VMs, and the cluster functional level (DOMAIN.md).
 */
export const OS_VERSIONS = ['WS2012R2', 'WS2016', 'WS2019', 'WS2022', 'WS2025'] as const;
export type OsVersion = (typeof OS_VERSIONS)[number];

interface Release {
  configVersions: readonly string[];
  defaultConfigVersion: string;
  functionalLevel: number;
}

const RELEASES: Record<OsVersion, Release> = {
  WS2012R2: { configVersions: ['5.0'], defaultConfigVersion: '5.0', functionalLevel: 8 },
  WS2016: { configVersions: ['5.0', '6.2', '7.0', '7.1', '8.0'], defaultConfigVersion: '8.0', functionalLevel: 9 },
  WS2019: {
    configVersions: ['5.0', '6.2', '7.0', '7.1', '8.0', '8.1', '8.2', '8.3', '9.0'],
    defaultConfigVersion: '9.0',
    functionalLevel: 10,
  },
  WS2022: {
    configVersions: ['8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0'],
    defaultConfigVersion: '10.0',
    functionalLevel: 11,
  },
  WS2025: {
    configVersions: ['8.0', '8.1', '8.2', '8.3', '9.0', '9.1', '9.2', '9.3', '10.0', '11.0', '12.0'],
    defaultConfigVersion: '12.0',
    functionalLevel: 12,
  },
};

export function isOsVersion(value: unknown): value is OsVersion {
  return typeof value === 'string' && (OS_VERSIONS as readonly string[]).includes(value);
}

export function release(os: OsVersion): Release {
  return RELEASES[os];
}

/** Position in the release order: one upgrade hop is exactly +1. */
export function osRank(os: OsVersion): number {
  return OS_VERSIONS.indexOf(os);
}

export function supportsConfigVersion(os: OsVersion, configVersion: string): boolean {
  return RELEASES[os].configVersions.includes(configVersion);
}

/** The OS whose functional level is `level` (the level's default VM version comes from it). */
export function osOfFunctionalLevel(level: number): OsVersion | undefined {
  return OS_VERSIONS.find((os) => RELEASES[os].functionalLevel === level);
}

/** Orders configuration versions numerically ("10.0" is after "9.3"). */
export function compareConfigVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

/** Second-level Address Translation is required from WS2016 on. */
export function requiresSlat(os: OsVersion): boolean {
  return osRank(os) >= osRank('WS2016');
}
