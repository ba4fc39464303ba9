import { CommandOperation, EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { ClearFaultsResultDto, SetFaultsDto, SetFaultsResultDto, SimulatorDto } from './simulator.dto';

export const SimulatorDocs = {
  describe: QueryOperation({
    summary: 'The simulated fleet',
    description:
      'The simulated Hyper-V hosts behind the service (used instead of real hosts for demos and tests): their VMs as ' +
      'the hosts see them, the clusters and replicas they know, and the faults set on them.',
    response: {
      type: SimulatorDto,
      example: { timeScale: 0.01, seed: 42, hosts: [], clusters: [], replicas: [], pendingFaults: [] },
    },
  }),
  setFaults: CommandOperation({
    summary: "Set a simulated host's faults",
    description:
      'Makes operations fail on a host (`OPERATION_FAILED`), lose their remoting session to it (the job is tried ' +
      'again, then fails with `DRIVER_FAULT`), the host stop answering (`HOST_UNRESPONSIVE`), crash (its running and ' +
      'paused VMs turn Off) or come back, or run slower. Fields left out keep their value.',
    request: { type: SetFaultsDto, example: { hostId: EXAMPLE_ID.host, failOperations: ['start-vm'], latencyFactor: 2 } },
    responses: [
      {
        type: SetFaultsResultDto,
        description: "The host's faults now",
        example: {
          hostId: EXAMPLE_ID.host,
          failOperations: ['start-vm'],
          dropSessions: [],
          unresponsive: false,
          crashed: false,
          latencyFactor: 2,
          updatedAt: '2026-03-02T10:00:00.000Z',
          hostState: 'Up',
          vmsTurnedOff: [],
        },
      },
    ],
  }),
  clearFaults: CommandOperation({
    summary: 'Clear simulated faults',
    description: 'Clears the faults of one host (`hostId`) or of every host; crashed hosts come back Up with their VMs Off.',
    responses: [
      {
        type: ClearFaultsResultDto,
        description: 'The hosts cleared and the ones brought back',
        example: { clearedHostIds: [EXAMPLE_ID.host], recoveredHostIds: [] },
      },
    ],
  }),
};
