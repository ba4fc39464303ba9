import { Decider } from '../../platform/domain/decider';
import { HostCommand, RegisterHost } from './host.commands';
import { hostAlreadyRegistered, slatRequired } from './host.errors';
import { HostEvent, HostSpecification } from './host.events';
import { requiresSlat } from './windows-server';

export const DEFAULT_MAXIMUM_LIVE_MIGRATIONS = 2;

export type HostState =
  | { status: 'Unregistered' }
  | ({ status: 'Registered'; hostId: string; registeredAt: string } & HostSpecification);

const initialState: HostState = { status: 'Unregistered' };

function evolve(state: HostState, event: HostEvent): HostState {
  switch (event.type) {
    case 'HostRegistered': {
      const { hostId, registeredAt, ...specification } = event.data;
      return { status: 'Registered', hostId, registeredAt, ...specification };
    }
    default: {
      const unknown: never = event.type;
      return unknown;
    }
  }
}

function register(command: RegisterHost, state: HostState): HostEvent[] {
  if (state.status !== 'Unregistered') throw hostAlreadyRegistered(command.hostId);
  const spec = command.specification;
  if (!spec.slat && requiresSlat(spec.osVersion)) throw slatRequired(spec.osVersion);
  return [
    {
      type: 'HostRegistered',
      data: {
        hostId: command.hostId,
        name: spec.name,
        address: spec.address,
        osVersion: spec.osVersion,
        slat: spec.slat,
        cpuVendor: spec.cpuVendor,
        logicalProcessors: spec.logicalProcessors,
        memoryMb: spec.memoryMb,
        maximumLiveMigrations: spec.maximumLiveMigrations ?? DEFAULT_MAXIMUM_LIVE_MIGRATIONS,
        registeredAt: command.now,
      },
    },
  ];
}

function decide(command: HostCommand, state: HostState): HostEvent[] {
  switch (command.type) {
    case 'RegisterHost':
      return register(command, state);
    default: {
      const unknown: never = command.type;
      return unknown;
    }
  }
}

export const hostDecider: Decider<HostCommand, HostEvent, HostState> = { initialState, evolve, decide };

export const hostStreamId = (hostId: string) => `host-${hostId}`;
