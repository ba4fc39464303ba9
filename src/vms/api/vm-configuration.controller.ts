import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { commandContextOf, newIdFor } from '../../platform/http/request-context';
import { ProblemError } from '../../platform/http/problem';
import { UuidPipe } from '../../platform/http/uuid.pipe';
import { canSeeTenant, CurrentPrincipal, Permit, Principal } from '../../platform/auth/principal';
import { DomainError } from '../../platform/domain/domain-error';
import { JobResponder } from '../../jobs/job-responder';
import { checkpointTree } from '../domain/vm-configuration';
import { VmReadModel } from '../projections/vm-read-model.entity';
import { VmCommandSender } from '../vm-command-sender';
import type { ReplicaFacts } from '../domain/vm.commands';
import { ListVms } from './vm.queries';
import { VmDocs } from './vms.docs';
import {
  AddDiskDto,
  ResizeDiskDto,
  BulkAcceptedDto,
  BulkIntegrationServiceDto,
  CheckpointTreeDto,
  CheckpointTypeDto,
  CreateCheckpointDto,
  DeleteCheckpointQuery,
  FirmwareDto,
  INTEGRATION_SERVICE_NAMES,
  IntegrationServiceDto,
  IntegrationServicesUpdateDto,
  NetworkAdapterDto,
  SetMemoryDto,
  SetProcessorDto,
} from './vm.dto';

/** Most VMs one bulk request may act on; a wider filter is refused, so a slip never touches the whole fabric. */
export const MAX_BULK_VMS = 1000;
const BULK_CONCURRENCY = 4;

const id = () => new UuidPipe('id');

/**
 * Changes inside a VM: configuration version, firmware, memory, processors, network adapters,
 * disks, integration services and checkpoints. vm-operators (for their tenants) and admins only:
 * a fabric-admin moves VMs but does not change what is inside them.
 */
@ApiTags('vms')
@Controller('v1/vms')
export class VmConfigurationController {
  constructor(
    private readonly sender: VmCommandSender,
    private readonly responder: JobResponder,
    private readonly queryBus: QueryBus,
    private readonly dataSource: DataSource,
  ) {}

  @Post('integration-services/bulk')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.bulkIntegrationService
  async bulkIntegrationService(
    @Body() body: BulkIntegrationServiceDto,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<BulkAcceptedDto> {
    const filter = Object.fromEntries(Object.entries(body.filter).filter(([, v]) => v !== undefined));
    if (Object.keys(filter).length === 0) {
      throw new ProblemError(
        400,
        'VALIDATION_FAILED',
        'Give at least one filter field; a bulk action never applies to every VM by default',
        {
          errors: [{ path: 'filter', message: 'at least one field is required' }],
        },
      );
    }
    const tenants = principal.role === 'vm-operator' ? principal.tenants : undefined;
    const page = await this.queryBus.execute(new ListVms({ ...filter, tenants, limit: MAX_BULK_VMS + 1 }));
    const matched = (page.items as VmReadModel[]).map((vm) => vm.id);
    if (matched.length > MAX_BULK_VMS) {
      throw new ProblemError(
        409,
        'BULK_LIMIT_EXCEEDED',
        `More than ${MAX_BULK_VMS} virtual machines match; narrow the filter (for example by hostId or tenant)`,
        { limit: MAX_BULK_VMS },
      );
    }
    const context = commandContextOf(request);
    const jobs: BulkAcceptedDto['jobs'] = [];
    const refused: BulkAcceptedDto['refused'] = [];
    let position = 0;
    const queue = [...matched];
    const worker = async () => {
      for (let vmId = queue.shift(); vmId !== undefined; vmId = queue.shift()) {
        try {
          const vm = await this.sender.visibleVm(vmId, request);
          // One command per VM, each with its own id; all share the request's correlation id.
          const own = { ...context, commandId: newIdFor(request), expectedVersion: undefined };
          const base = await this.sender.base(vm, own);
          const outcome = await this.sender.send(
            vmId,
            { type: 'SetIntegrationService', service: body.service, enabled: body.enabled, ...base },
            own,
          );
          jobs.push({ vmId, jobId: base.jobId });
          position = Math.max(position, outcome.position);
        } catch (error) {
          if (error instanceof DomainError || error instanceof ProblemError) {
            refused.push({ vmId, code: error.code, detail: error.message });
          } else throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, queue.length) }, worker));
    jobs.sort((a, b) => a.vmId.localeCompare(b.vmId));
    refused.sort((a, b) => a.vmId.localeCompare(b.vmId));
    return { summary: { matched: matched.length, accepted: jobs.length, refusedCount: refused.length }, jobs, refused, position };
  }

  @Post(':id/upgrade-version')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.upgradeVersion
  async upgradeVersion(
    @Param('id', id()) vmId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const replicationHosts = await this.replicationHostsOf(vmId);
    const outcome = await this.sender.decide(vmId, request, (base, vm) => ({
      type: 'UpgradeVmVersion',
      replica: replicationHosts?.find((h) => h.hostId !== vm.hostId) ?? null,
      ...base,
    }));
    const notNeeded = outcome.events.find((e) => e.type === 'VmVersionUpgradeNotNeeded');
    if (notNeeded) {
      const data = notNeeded.data as { warning: string; configVersion: string };
      void reply.status(200).header('warning', `299 - "${data.warning.replace(/"/g, "'")}"`);
      return { warning: data.warning, configVersion: data.configVersion, position: outcome.position };
    }
    return this.sender.answer(vmId, request, reply, outcome);
  }

  /**
   * Both hosts of the VM's Hyper-V Replica relationship, from the replication read model; null when
   * the VM does not replicate (never enabled, or removed). The side the VM is not on is the replica.
   */
  private async replicationHostsOf(vmId: string): Promise<ReplicaFacts[] | null> {
    const rows: Array<{ primary_host_id: string; replica_host_id: string }> = await this.dataSource.query(
      `SELECT primary_host_id, replica_host_id FROM rm_replications WHERE id = $1 AND state <> 'Removed'`,
      [vmId],
    );
    if (rows.length === 0) return null;
    return Promise.all(
      [rows[0].primary_host_id, rows[0].replica_host_id].map(async (hostId) => {
        const host = await this.sender.hostFacts(hostId);
        return { hostId: host.hostId, name: host.name, osVersion: host.osVersion };
      }),
    );
  }

  @Put(':id/firmware')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.setFirmware
  setFirmware(
    @Param('id', id()) vmId: string,
    @Body() body: FirmwareDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'SetVmFirmware',
      firmware: { secureBoot: body.secureBoot, secureBootTemplate: body.secureBootTemplate },
      ...base,
    }));
  }

  @Put(':id/memory')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.setMemory
  setMemory(
    @Param('id', id()) vmId: string,
    @Body() body: SetMemoryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'SetVmMemory',
      memory: { startupMb: body.startupMb, dynamic: body.dynamic ?? null },
      ...base,
    }));
  }

  @Put(':id/processor')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.setProcessor
  setProcessor(
    @Param('id', id()) vmId: string,
    @Body() body: SetProcessorDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'SetVmProcessor',
      processorCount: body.processorCount,
      compatibilityForMigration: body.compatibilityForMigration,
      exposeVirtualizationExtensions: body.exposeVirtualizationExtensions,
      ...base,
    }));
  }

  @Put(':id/checkpoint-type')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.setCheckpointType
  setCheckpointType(
    @Param('id', id()) vmId: string,
    @Body() body: CheckpointTypeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'ChangeCheckpointType',
      checkpointType: body.checkpointType,
      ...base,
    }));
  }

  @Post(':id/network-adapters')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.addNetworkAdapter
  addNetworkAdapter(
    @Param('id', id()) vmId: string,
    @Body() body: NetworkAdapterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'AddNetworkAdapter',
      adapter: { id: newIdFor(request), name: body.name, switchName: body.switchName },
      ...base,
    }));
  }

  @Delete(':id/network-adapters/:adapterId')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.removeNetworkAdapter
  removeNetworkAdapter(
    @Param('id', id()) vmId: string,
    @Param('adapterId', new UuidPipe('adapterId')) adapterId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({ type: 'RemoveNetworkAdapter', adapterId, ...base }));
  }

  @Post(':id/disks')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.addDisk
  addDisk(
    @Param('id', id()) vmId: string,
    @Body() body: AddDiskDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'AddVmDisk',
      disk: { id: newIdFor(request), name: body.name, sizeGb: body.sizeGb },
      force: body.force ?? false,
      ...base,
    }));
  }

  @Put(':id/disks/:diskId')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.resizeDisk
  resizeDisk(
    @Param('id', id()) vmId: string,
    @Param('diskId', new UuidPipe('diskId')) diskId: string,
    @Body() body: ResizeDiskDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'ResizeVmDisk',
      diskId,
      sizeGb: body.sizeGb,
      force: body.force ?? false,
      ...base,
    }));
  }

  @Put(':id/integration-services/:service')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.setIntegrationService
  setIntegrationService(
    @Param('id', id()) vmId: string,
    @Param('service') service: string,
    @Body() body: IntegrationServiceDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const known = INTEGRATION_SERVICE_NAMES.find((name) => name.toLowerCase() === service.toLowerCase());
    if (!known) {
      throw new ProblemError(
        404,
        'NOT_FOUND',
        `There is no integration service "${service}"; known: ${INTEGRATION_SERVICE_NAMES.join(', ')}`,
      );
    }
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'SetIntegrationService',
      service: known,
      enabled: body.enabled,
      ...base,
    }));
  }

  @Post(':id/integration-services/update')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.updateIntegrationServices
  updateIntegrationServices(
    @Param('id', id()) vmId: string,
    @Body() body: IntegrationServicesUpdateDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'UpdateIntegrationServices',
      version: body.version,
      ...base,
    }));
  }

  @Post(':id/checkpoints')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.createCheckpoint
  createCheckpoint(
    @Param('id', id()) vmId: string,
    @Body() body: CreateCheckpointDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'CreateCheckpoint',
      checkpointId: newIdFor(request),
      name: body?.name,
      ...base,
    }));
  }

  @Get(':id/checkpoints')
  @Permit('fabric-admin', 'auditor', 'vm-operator')
  @VmDocs.checkpoints
  async checkpoints(@Param('id', id()) vmId: string, @CurrentPrincipal() principal: Principal): Promise<CheckpointTreeDto> {
    const vm = await this.dataSource.getRepository(VmReadModel).findOneBy({ id: vmId });
    if (!vm || !canSeeTenant(principal, vm.tenant))
      throw new ProblemError(404, 'NOT_FOUND', `Virtual machine ${vmId} does not exist`);
    return {
      vmId,
      currentCheckpointId: vm.currentCheckpointId,
      count: vm.checkpoints.length,
      checkpoints: checkpointTree(vm.checkpoints, vm.currentCheckpointId),
    };
  }

  @Post(':id/checkpoints/:checkpointId/apply')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.applyCheckpoint
  applyCheckpoint(
    @Param('id', id()) vmId: string,
    @Param('checkpointId', new UuidPipe('checkpointId')) checkpointId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({ type: 'ApplyCheckpoint', checkpointId, ...base }));
  }

  @Delete(':id/checkpoints/:checkpointId')
  @Permit('vm-operator')
  @HttpCode(202)
  @VmDocs.deleteCheckpoint
  deleteCheckpoint(
    @Param('id', id()) vmId: string,
    @Param('checkpointId', new UuidPipe('checkpointId')) checkpointId: string,
    @Query() query: DeleteCheckpointQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sender.accepted(vmId, request, reply, (base) => ({
      type: 'DeleteCheckpoint',
      checkpointId,
      subtree: query.subtree ?? false,
      ...base,
    }));
  }
}
