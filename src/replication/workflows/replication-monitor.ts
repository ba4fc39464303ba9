import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config';
import { APP_CONFIG, CONNECT_PG_CLIENT, LOGGER } from '../../platform/tokens';
import { deterministicUuid } from '../../platform/deterministic-id';
import { SystemCommands } from '../../platform/system-commands';
import { HYPERVISOR_DRIVER, HypervisorDriver, ReplicationStatistics } from '../../jobs/domain/hypervisor-driver.port';
import { LeaderRounds } from '../../processing/leader-rounds';
import { replicationDecider } from '../domain/replication.decider';
import { replicationStreamId } from '../domain/replication.events';
import { ObservationBaseline, observedEvents } from '../domain/replication-observation';

const LEADERSHIP = 'replication-monitor';

/** What one poll did: for the logs, the tests and the bench. */
export interface PollOutcome {
  relationships: number;
  hostsAsked: number;
  hostsSilent: number;
  commandsSent: number;
  eventsRecorded: number;
  statisticsWritten: number;
}

/**
 * Watches Hyper-V Replica instead of driving it: every REPLICATION_POLL_MS it asks each primary
 * host once for the statistics of all its replicating VMs, writes the live figures to
 * rm_replication_statistics, and sends a command only for a relationship whose observation calls
 * for an event (replication-observation.ts), judged first against the read model's baseline so
 * that an unchanged relationship costs no command. One process polls at a time (a PostgreSQL
 * advisory lock). A command's id derives from the relationship's version it was judged against:
 * two reports of one change (a hand-over, a lagging read model) are one command, and the decider
 * judges again against the stream. A host that does not answer changes nothing: its relationships
 * keep their last figures until it answers again.
 */
@Injectable()
export class ReplicationMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly rounds: LeaderRounds;
  /** The figures last written per relationship, so an unchanged row is not written again. */
  private readonly written = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(HYPERVISOR_DRIVER) private readonly driver: HypervisorDriver,
    @Inject(CONNECT_PG_CLIENT) private readonly connectClient: () => Promise<Client>,
    private readonly dataSource: DataSource,
    private readonly commands: SystemCommands,
  ) {
    // A new leader writes every row once: another process may have written since.
    this.rounds = new LeaderRounds(LEADERSHIP, connectClient, () => this.written.clear());
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.rounds.start(
      this.config.replicationPollMs,
      () => this.poll(),
      (error) => this.logger.debug({ error: error.message }, 'replication poll skipped'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
  }

  /** One round over every observed relationship; null when another process leads. */
  async poll(): Promise<PollOutcome | null> {
    if (!(await this.rounds.lead())) return null;
    // The primary is where the VM runs now: a live-migrated VM takes its replication along, as in Hyper-V.
    const rows: Array<{ id: string; version: string; primary_host_id: string; baseline: ObservationBaseline }> =
      await this.dataSource.query(
        `SELECT r.id, r.version, coalesce(v.host_id, r.primary_host_id) AS primary_host_id, r.baseline
           FROM rm_replications r LEFT JOIN rm_vms v ON v.id = r.id
          WHERE r.baseline IS NOT NULL`,
      );
    const outcome: PollOutcome = {
      relationships: rows.length,
      hostsAsked: 0,
      hostsSilent: 0,
      commandsSent: 0,
      eventsRecorded: 0,
      statisticsWritten: 0,
    };
    if (rows.length === 0) return outcome;
    const hostIds = [...new Set(rows.map((r) => r.primary_host_id))];
    const reports = await this.driver.measureReplication(hostIds);
    outcome.hostsAsked = hostIds.length;
    const byVm = new Map<string, { hostId: string; statistics: ReplicationStatistics }>();
    for (const [hostId, report] of reports) {
      if (report.answer !== 'ok') {
        outcome.hostsSilent++;
        continue;
      }
      for (const statistics of report.relationships) byVm.set(statistics.vmId.toLowerCase(), { hostId, statistics });
    }
    const now = new Date().toISOString();
    const observed: Array<{ hostId: string; statistics: ReplicationStatistics }> = [];
    for (const row of rows) {
      const seen = byVm.get(row.id.toLowerCase());
      // Not on the host the fabric knows as primary (moving, failing over): nothing to judge yet.
      if (!seen || seen.hostId.toLowerCase() !== row.primary_host_id.toLowerCase() || seen.statistics.state !== 'Replicating')
        continue;
      observed.push(seen);
      const { statistics } = seen;
      const recoveryPointId = deterministicUuid(`recovery-point/${row.id}/${statistics.lastReplicatedAt}`);
      if (observedEvents(row.baseline, statistics, recoveryPointId, now).length === 0) continue;
      const sent = await this.commands.send(
        replicationDecider,
        replicationStreamId(row.id),
        { type: 'ObserveReplication', observed: statistics, recoveryPointId, now },
        { commandId: `replication-monitor/${row.id}/${row.version}`, actor: 'replication-monitor' },
      );
      outcome.commandsSent++;
      outcome.eventsRecorded += sent.events.length;
      if (sent.events.length > 0) {
        this.logger.info({ vmId: row.id, events: sent.events.map((e) => e.type) }, 'replication observed a change');
      }
    }
    outcome.statisticsWritten = await this.writeStatistics(observed, now);
    return outcome;
  }

  /** The live figures, one statement for all the rows that changed since they were last written. */
  private async writeStatistics(observed: Array<{ hostId: string; statistics: ReplicationStatistics }>, now: string) {
    const changed = observed.filter(({ hostId, statistics }) => {
      const signature = JSON.stringify([hostId, statistics]);
      if (this.written.get(statistics.vmId) === signature) return false;
      this.written.set(statistics.vmId, signature);
      return true;
    });
    if (changed.length === 0) return 0;
    const column = <T>(pick: (s: ReplicationStatistics) => T) => changed.map(({ statistics }) => pick(statistics));
    await this.dataSource.query(
      `INSERT INTO rm_replication_statistics AS s (vm_id, primary_host_id, observed_at, state, last_replicated_at,
         last_size_mb, average_size_mb, maximum_size_mb, successful_cycles, failed_cycles, missed_cycles,
         consecutive_failed_cycles, failure_reason)
       SELECT vm_id, primary_host_id, $3::timestamptz, state, last_replicated_at, last_size_mb, average_size_mb,
              maximum_size_mb, successful_cycles, failed_cycles, missed_cycles, consecutive_failed_cycles, failure_reason
         FROM unnest($1::uuid[], $2::uuid[], $4::text[], $5::timestamptz[], $6::int[], $7::int[], $8::int[], $9::bigint[],
                     $10::bigint[], $11::bigint[], $12::int[], $13::text[])
           AS u (vm_id, primary_host_id, state, last_replicated_at, last_size_mb, average_size_mb, maximum_size_mb,
                 successful_cycles, failed_cycles, missed_cycles, consecutive_failed_cycles, failure_reason)
       ON CONFLICT (vm_id) DO UPDATE SET
         primary_host_id = EXCLUDED.primary_host_id, observed_at = EXCLUDED.observed_at, state = EXCLUDED.state,
         last_replicated_at = EXCLUDED.last_replicated_at, last_size_mb = EXCLUDED.last_size_mb,
         average_size_mb = EXCLUDED.average_size_mb, maximum_size_mb = EXCLUDED.maximum_size_mb,
         successful_cycles = EXCLUDED.successful_cycles, failed_cycles = EXCLUDED.failed_cycles,
         missed_cycles = EXCLUDED.missed_cycles, consecutive_failed_cycles = EXCLUDED.consecutive_failed_cycles,
         failure_reason = EXCLUDED.failure_reason`,
      [
        column((s) => s.vmId),
        changed.map(({ hostId }) => hostId),
        now,
        column((s) => s.state),
        column((s) => s.lastReplicatedAt),
        column((s) => s.lastSizeMb),
        column((s) => s.averageSizeMb),
        column((s) => s.maximumSizeMb),
        column((s) => s.successfulCycles),
        column((s) => s.failedCycles),
        column((s) => s.missedCycles),
        column((s) => s.consecutiveFailedCycles),
        column((s) => s.failureReason),
      ],
    );
    return changed.length;
  }
}
