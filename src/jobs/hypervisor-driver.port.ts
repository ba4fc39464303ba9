/** The port lives with the domain types it speaks in; re-exported here for the adapters. */
export * from './domain/hypervisor-driver.port';
