import type { components, operations } from '../client';

type Schemas = components['schemas'];
type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

/**
 * Every value of one of the service's enums, as a list the compiler checks against the generated
 * schema: a value the schema does not have, or one it has that the list misses, fails the build.
 * The CLI's `--choices` therefore follow the server's enums (`npm run openapi:generate` then `tsc`).
 *
 * Numeric enums are listed as the strings a command line gives: `everyValueOf<`${1 | 2}`>()`.
 */
export function everyValueOf<Value extends string>() {
  return <const List extends readonly Value[]>(values: List & NoneMissing<Value, List>): List => values;
}

/** Asks for a property that names the missing values, so the compiler's message says which they are. */
type NoneMissing<Value, List extends readonly unknown[]> = [Exclude<Value, List[number]>] extends [never]
  ? unknown
  : { missingFromTheList: Exclude<Value, List[number]> };

export const VM_STATES = everyValueOf<NonNullable<QueryOf<'VmsController_list'>['state']>>()([
  'Creating',
  'CreationFailed',
  'Off',
  'Starting',
  'Running',
  'Pausing',
  'Paused',
  'Resuming',
  'Saving',
  'Saved',
  'Stopping',
  'Deleting',
]);

export const HEARTBEATS = everyValueOf<NonNullable<QueryOf<'VmsController_list'>['heartbeat']>>()([
  'OkApplicationsHealthy',
  'OkApplicationsUnknown',
  'OkApplicationsCritical',
  'NoContact',
  'LostCommunication',
  'Paused',
  'Disabled',
  'Error',
  'Unknown',
]);

export const GENERATIONS = everyValueOf<`${Schemas['CreateVmDto']['generation']}`>()(['1', '2']);
/** The generation a `--generation` choice names. */
export const generationOf = (choice: (typeof GENERATIONS)[number]) => Number(choice) as Schemas['CreateVmDto']['generation'];

export const GUEST_OS_FAMILIES = everyValueOf<Schemas['GuestOsDto']['family']>()(['windows', 'linux']);

export const INTEGRATION_SERVICES = everyValueOf<Schemas['BulkIntegrationServiceDto']['service']>()([
  'Heartbeat',
  'Shutdown',
  'TimeSynchronization',
  'DataExchange',
  'VSS',
  'GuestServiceInterface',
]);

export const SECURE_BOOT_TEMPLATES = everyValueOf<Schemas['FirmwareDto']['secureBootTemplate']>()([
  'MicrosoftWindows',
  'MicrosoftUEFICertificateAuthority',
  'OpenSourceShieldedVM',
]);

export const CHECKPOINT_TYPES = everyValueOf<Schemas['VmDto']['checkpointType']>()([
  'Production',
  'ProductionOnly',
  'Standard',
  'Disabled',
]);

export const OS_VERSIONS = everyValueOf<Schemas['RegisterHostDto']['osVersion']>()([
  'WS2012R2',
  'WS2016',
  'WS2019',
  'WS2022',
  'WS2025',
]);

export const CPU_VENDORS = everyValueOf<Schemas['RegisterHostDto']['cpuVendor']>()(['Intel', 'AMD']);

export const API_KEY_ROLES = everyValueOf<Schemas['CreateApiKeyDto']['role']>()([
  'admin',
  'fabric-admin',
  'vm-operator',
  'auditor',
]);

export const REPLICATION_FREQUENCIES = everyValueOf<`${NonNullable<Schemas['EnableReplicationDto']['frequencySeconds']>}`>()([
  '30',
  '300',
  '900',
]);

export const JOB_STATUSES = everyValueOf<NonNullable<QueryOf<'JobsController_list'>['status']>>()([
  'Queued',
  'Running',
  'Succeeded',
  'Failed',
  'Cancelled',
]);

export const UPGRADE_STATES = everyValueOf<NonNullable<QueryOf<'RollingUpgradesController_list'>['state']>>()([
  'Running',
  'Paused',
  'Completed',
  'Failed',
  'Cancelled',
]);

/** The steps each node goes through in a rolling upgrade, in order (raising the level is the cluster's own step). */
export const UPGRADE_NODE_STEPS = everyValueOf<Exclude<Schemas['UpgradeStepDto']['step'], 'raise-functional-level'>>()([
  'drain',
  'evict',
  'reinstall',
  'add',
  'resume',
]);
