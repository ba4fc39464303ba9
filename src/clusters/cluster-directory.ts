import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { loadAggregate } from '../event-store/aggregate-stream';
import { DomainError } from '../platform/domain/domain-error';
import { HostDirectory } from '../hosts/host-directory';
import type { ClusterFacts, HostFacts, PlacementRecord } from '../vms/domain/vm.commands';
import { osOfFunctionalLevel, release } from '../hosts/domain/windows-server';
import type { HostCandidate } from './domain/cluster.commands';
import { capacities, clusterDecider, clusterFactsOf, ExistingCluster, nodeState } from './domain/cluster.decider';
import { clusterStreamId } from './domain/cluster.events';
import { rateNodes, VmToPlace } from './domain/placement';

/**
 * What cluster commands and VM moves need to know before deciding: the cluster from its stream
 * (always current), and the load on its nodes and the VMs on them from the read models.
 */
@Injectable()
export class ClusterDirectory {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
    private readonly hosts: HostDirectory,
  ) {}

  async find(clusterId: string): Promise<ExistingCluster | null> {
    const { state } = await loadAggregate(this.eventStore, clusterDecider, clusterStreamId(clusterId));
    return state.status === 'None' ? null : state;
  }

  async state(clusterId: string): Promise<ExistingCluster> {
    const state = await this.find(clusterId);
    if (!state) throw new DomainError('NOT_FOUND', `Cluster ${clusterId} does not exist`, 'not-found');
    return state;
  }

  async factsOf(clusterId: string): Promise<ClusterFacts> {
    return clusterFactsOf(await this.state(clusterId));
  }

  /** A host as a would-be node: its facts and whether it is free to join. */
  async candidate(hostId: string): Promise<HostCandidate> {
    const state = await this.hosts.state(hostId);
    const facts = await this.hosts.facts(hostId, state);
    return {
      hostId,
      name: state.name,
      osVersion: state.osVersion,
      cpuVendor: state.cpuVendor,
      memoryMb: state.memoryMb,
      logicalProcessors: state.logicalProcessors,
      maximumLiveMigrations: state.maximumLiveMigrations,
      slat: state.slat,
      hostState: facts.state,
      clusterId: facts.clusterId,
    };
  }

  /** Memory in use on each node (read model). */
  async loads(cluster: ExistingCluster): Promise<Record<string, number>> {
    const rows: Array<{ id: string; memory_used_mb: number }> = await this.dataSource.query(
      'SELECT id, memory_used_mb FROM rm_hosts WHERE id = ANY($1)',
      [cluster.nodes.map((n) => n.hostId)],
    );
    return Object.fromEntries(rows.map((r) => [r.id, Number(r.memory_used_mb)]));
  }

  /** The VMs on the given hosts, as placement sees them (read model). */
  async vmsOn(hostIds: readonly string[]): Promise<VmToPlace[]> {
    if (hostIds.length === 0) return [];
    const rows: Array<{
      id: string;
      name: string;
      host_id: string;
      memory: { startupMb: number };
      config_version: string;
      processor_count: number;
      power_state: string;
    }> = await this.dataSource.query(
      `SELECT id, name, host_id, memory, config_version, processor_count, power_state FROM rm_vms
          WHERE host_id = ANY($1) AND state NOT IN ('Creating', 'CreationFailed') ORDER BY id`,
      [hostIds],
    );
    return rows.map((r) => ({
      vmId: r.id,
      name: r.name,
      hostId: r.host_id,
      memoryMb: r.memory.startupMb,
      configVersion: r.config_version,
      processorCount: r.processor_count,
      power: r.power_state as VmToPlace['power'],
    }));
  }

  /** The VMs whose ids are given, wherever they are (read model). */
  async vmsById(vmIds: readonly string[]): Promise<VmToPlace[]> {
    if (vmIds.length === 0) return [];
    const rows: Array<{ host_id: string }> = await this.dataSource.query(
      'SELECT DISTINCT host_id FROM rm_vms WHERE id = ANY($1)',
      [vmIds],
    );
    const all = await this.vmsOn(rows.map((r) => r.host_id));
    const wanted = new Set(vmIds);
    return all.filter((vm) => wanted.has(vm.vmId));
  }

  /** A host's facts for a VM rule, with its node state when it is in a cluster. */
  async hostFacts(hostId: string, cluster?: ExistingCluster | null): Promise<HostFacts> {
    const facts = await this.hosts.facts(hostId);
    const owner = cluster ?? (facts.clusterId ? await this.find(facts.clusterId) : null);
    const node = owner?.nodes.find((n) => n.hostId === hostId);
    return { ...facts, nodeState: node ? nodeState(node) : null };
  }

  /**
   * The node of the cluster that takes a new VM: Up (not paused, isolated or quarantined),
   * running the VM's version, with the processors and the most free memory. Every candidate's
   * rating goes into the job.
   */
  async placeNewVm(
    clusterId: string,
    vm: { name: string; memoryMb: number; configVersion: string | undefined; processorCount: number },
  ): Promise<{ host: HostFacts; cluster: ClusterFacts; placement: PlacementRecord }> {
    const cluster = await this.state(clusterId);
    if (cluster.status !== 'Active') throw new DomainError('INVALID_CLUSTER_STATE', `Cluster ${cluster.name} is not active yet`);
    const facts = clusterFactsOf(cluster);
    const levelOs = osOfFunctionalLevel(cluster.functionalLevel) ?? cluster.nodes[0].osVersion;
    const configVersion = vm.configVersion ?? release(levelOs).defaultConfigVersion;
    const decision = rateNodes(
      {
        vmId: '',
        name: vm.name,
        hostId: null,
        memoryMb: vm.memoryMb,
        configVersion,
        processorCount: vm.processorCount,
        power: 'Running',
      },
      capacities(cluster, await this.loads(cluster)),
    );
    if (!decision.chosen) {
      throw new DomainError('NO_SUITABLE_NODE', `No node of cluster ${cluster.name} can take the virtual machine`, 'conflict', {
        candidates: decision.candidates,
      });
    }
    const host = await this.hostFacts(decision.chosen.hostId, cluster);
    return {
      host,
      cluster: facts,
      placement: { clusterId, chosenHostId: decision.chosen.hostId, candidates: decision.candidates },
    };
  }
}
