import { CommandOperation, EXAMPLE_ID, QueryOperation } from '../../platform/http/api-docs';
import { JobOperation } from '../../jobs/api/job-operation';
import { HostDto, HostPageDto, HostWrittenDto, RegisterHostDto, ReinstallHostDto } from './host.dto';

export const HOST_EXAMPLE: HostDto = {
  id: EXAMPLE_ID.host,
  name: 'hv-node-01',
  address: '10.0.0.11',
  osVersion: 'WS2016',
  slat: true,
  cpuVendor: 'Intel',
  logicalProcessors: 32,
  state: 'Up',
  clusterId: EXAMPLE_ID.cluster,
  memoryMb: 262144,
  memoryUsedMb: 49152,
  maximumLiveMigrations: 2,
  registeredAt: '2026-03-01T08:00:00.000Z',
  version: 3,
};

export const HostDocs = {
  register: CommandOperation({
    summary: 'Register a Hyper-V host',
    description:
      'Adds a host to the fabric model with its hardware and OS; it starts Up, outside any cluster. Windows Server 2016 ' +
      'and later Hyper-V needs a processor with SLAT. No job: the answer is the host as recorded (`201`, with `Location` and `ETag`).',
    request: {
      type: RegisterHostDto,
      example: {
        name: 'hv-node-01',
        address: '10.0.0.11',
        osVersion: 'WS2016',
        slat: true,
        cpuVendor: 'Intel',
        logicalProcessors: 32,
        memoryMb: 262144,
        maximumLiveMigrations: 2,
      },
    },
    responses: [
      {
        status: 201,
        type: HostWrittenDto,
        description: 'The host as recorded',
        example: { ...HOST_EXAMPLE, clusterId: null, memoryUsedMb: 0, version: 1, position: 1001 },
      },
    ],
    errors: ['SLAT_REQUIRED', 'HOST_ALREADY_REGISTERED'],
  }),
  reinstall: JobOperation({
    summary: 'Reinstall a host with the next OS version',
    description:
      'A clean install of the next Windows Server version (exactly one version up) with the Hyper-V role (and Failover ' +
      'Clustering); the host must be in no cluster and host no virtual machines (a rolling upgrade evicts, reinstalls and ' +
      're-adds nodes for you). The host is Reinstalling until the job ends.',
    request: { type: ReinstallHostDto, example: { osVersion: 'WS2016' } },
    job: {
      kind: 'reinstall-host',
      resource: 'host',
      steps: [
        {
          name: 'Clean-install Windows Server 2016',
          powershell:
            '# Clean install of Windows Server 2016 on hv-node-01 (installation media / WDS), then:\n' +
            'Install-WindowsFeature -Name Hyper-V, Failover-Clustering -IncludeManagementTools -Restart -ComputerName "hv-node-01"',
        },
      ],
    },
    errors: ['NOT_FOUND', 'HOST_NOT_EMPTY', 'UPGRADE_SKIPS_VERSION', 'UPGRADE_NOT_NEWER', 'SLAT_REQUIRED', 'OPERATION_PENDING'],
  }),
  list: QueryOperation({
    summary: 'List hosts',
    description:
      'Pages through the registered hosts, optionally of one OS version or one cluster. A vm-operator sees hosts only as ids. PowerShell: `Get-VMHost`.',
    response: { type: HostPageDto, example: { items: [HOST_EXAMPLE], nextCursor: null } },
  }),
  get: QueryOperation({
    summary: 'Get a host',
    description:
      'The host with its state, cluster and memory in use; with `asOf` or `atPosition` the host as it was then (time travel). A vm-operator sees the host only as an id.',
    response: { type: HostDto, example: HOST_EXAMPLE },
    etag: true,
    errors: ['NOT_FOUND', 'TOO_MANY_CONCURRENT_QUERIES'],
  }),
};
