import { useState } from 'react';
import { useCheckpoints, useHosts, useReplication, useVm, useVmHistory } from '../api/queries';
import { CheckpointNode, FabricEvent, Vm } from '../api/types';
import { ConfirmButton, useAction } from '../components/actions';
import { HistoryTimeline } from '../components/timeline';
import { Card, Empty, ErrorBanner, formatMb, Loading, StateBadge, Time } from '../components/ui';
import { Link } from '../router';
import { useCan, useSession } from '../session';

export function VmPage({ vmId }: { vmId: string }) {
  const vm = useVm(vmId);
  const history = useVmHistory(vmId);
  const events = history.data ?? [];
  // null: the present; otherwise the index of the history event the page shows the VM at.
  const [travelIndex, setTravelIndex] = useState<number | null>(null);
  const past = travelIndex !== null && travelIndex < events.length - 1 ? events[travelIndex] : null;
  const pastVm = useVm(vmId, past?.globalPosition);
  if (vm.isLoading) return <Loading what="the virtual machine" />;
  if (!vm.data) return <ErrorBanner error={vm.error} />;
  const shown = past ? pastVm.data : vm.data;
  return (
    <div className="page" data-testid="vm-page">
      <div className="page-header">
        <Link to="/vms" className="muted">
          Virtual machines
        </Link>
        <span className="muted">›</span>
        <h1>{vm.data.name}</h1>
        <StateBadge state={vm.data.state} />
        <StateBadge state={vm.data.heartbeat} />
        {vm.data.pendingJobId && (
          <Link to={`/jobs/${vm.data.pendingJobId}`} className="tag busy">
            job in progress
          </Link>
        )}
      </div>
      <PowerActions vm={vm.data} />
      <Card title="History" testId="history">
        {history.isLoading ? (
          <Loading />
        ) : (
          <TimeTravel
            events={events}
            index={travelIndex ?? events.length - 1}
            onChange={(index) => setTravelIndex(index >= events.length - 1 ? null : index)}
          />
        )}
      </Card>
      {past && (
        <div className="banner banner-travel" data-testid="time-travel-banner">
          Showing the VM as it was at <Time at={past.recordedAt} />, after <strong>{past.type}</strong> (position{' '}
          {past.globalPosition}).{' '}
          <button className="button small" onClick={() => setTravelIndex(null)}>
            Back to now
          </button>
        </div>
      )}
      <div className="grid halves">
        <Card title={past ? 'Configuration then' : 'Configuration'} testId="configuration" className={past ? 'past' : ''}>
          {pastVm.isLoading && past ? (
            <Loading />
          ) : shown ? (
            <Configuration vm={shown} />
          ) : (
            <Empty>The VM did not exist yet.</Empty>
          )}
        </Card>
        <div>
          <Checkpoints vm={vm.data} />
          <ReplicationCard vmId={vmId} />
        </div>
      </div>
    </div>
  );
}

function PowerActions({ vm }: { vm: Vm }) {
  const can = useCan();
  const { client } = useSession();
  const { run, busy } = useAction();
  if (!can.vmInside) return null;
  const id = { params: { path: { id: vm.id } } };
  const act = (label: string, command: () => Promise<unknown>) => run(`${label} ${vm.name}`, command);
  const disabled = !!busy || !!vm.pendingJobId;
  return (
    <div className="toolbar" data-testid="power-actions">
      {(vm.state === 'Off' || vm.state === 'Saved') && (
        <button
          className="button primary"
          disabled={disabled}
          onClick={() => act('Start', () => client.post('/v1/vms/{id}/start', id))}
        >
          Start
        </button>
      )}
      {vm.state === 'Running' && (
        <>
          <button
            className="button"
            disabled={disabled}
            onClick={() => act('Shut down', () => client.post('/v1/vms/{id}/stop', { ...id, body: { mode: 'shutdown' } }))}
          >
            Shut down
          </button>
          <ConfirmButton
            label="Turn off"
            danger
            disabled={disabled}
            onConfirm={() => act('Turn off', () => client.post('/v1/vms/{id}/stop', { ...id, body: { mode: 'turn-off' } }))}
          />
          <button className="button" disabled={disabled} onClick={() => act('Save', () => client.post('/v1/vms/{id}/save', id))}>
            Save
          </button>
          <button
            className="button"
            disabled={disabled}
            onClick={() => act('Pause', () => client.post('/v1/vms/{id}/pause', id))}
          >
            Pause
          </button>
        </>
      )}
      {vm.state === 'Paused' && (
        <button
          className="button"
          disabled={disabled}
          onClick={() => act('Resume', () => client.post('/v1/vms/{id}/resume', id))}
        >
          Resume
        </button>
      )}
      <button
        className="button"
        disabled={disabled}
        onClick={() => act('Checkpoint', () => client.post('/v1/vms/{id}/checkpoints', { ...id, body: {} }))}
      >
        Checkpoint
      </button>
      {(vm.state === 'Off' || vm.state === 'Saved') && (
        <ConfirmButton
          label="Upgrade configuration version"
          disabled={disabled}
          onConfirm={() => act('Upgrade configuration version of', () => client.post('/v1/vms/{id}/upgrade-version', id))}
        />
      )}
    </div>
  );
}

function TimeTravel({ events, index, onChange }: { events: FabricEvent[]; index: number; onChange: (index: number) => void }) {
  if (events.length === 0) return <Empty>No history.</Empty>;
  const event = events[index];
  return (
    <div className="time-travel">
      <HistoryTimeline events={events} selectedIndex={index} onSelect={onChange} />
      <div className="time-travel-control">
        <button className="button small" aria-label="Earlier" disabled={index === 0} onClick={() => onChange(index - 1)}>
          ◀
        </button>
        <input
          type="range"
          min={0}
          max={events.length - 1}
          value={index}
          aria-label="Point in the VM's history"
          onChange={(e) => onChange(Number(e.target.value))}
        />
        <button
          className="button small"
          aria-label="Later"
          disabled={index === events.length - 1}
          onClick={() => onChange(index + 1)}
        >
          ▶
        </button>
        <span className="time-travel-label" data-testid="time-travel-label">
          {index === events.length - 1 ? 'Now' : `${index + 1} of ${events.length}`} · <strong>{event.type}</strong> ·{' '}
          <Time at={event.recordedAt} /> · by {event.metadata.actor ?? 'system'}
        </span>
      </div>
    </div>
  );
}

function Configuration({ vm }: { vm: Vm }) {
  const can = useCan();
  const hosts = useHosts(can.hosts);
  const host = hosts.data?.find((h) => h.id === vm.hostId);
  const memory = vm.memory.dynamic
    ? `${formatMb(vm.memory.startupMb)} startup, dynamic ${formatMb(vm.memory.dynamic.minimumMb)}–${formatMb(vm.memory.dynamic.maximumMb)} (buffer ${vm.memory.dynamic.bufferPercent} %)`
    : `${formatMb(vm.memory.startupMb)} static`;
  const services = Object.entries(vm.integrationServices ?? {});
  return (
    <dl className="properties">
      <dt>State</dt>
      <dd data-testid="config-state">{vm.state}</dd>
      <dt>Tenant</dt>
      <dd>{vm.tenant}</dd>
      <dt>Host</dt>
      <dd>
        {host ? host.name : (vm.hostId ?? '—')}
        {vm.clusterId && (
          <>
            {' '}
            in <Link to={`/clusters/${vm.clusterId}`}>cluster</Link> ({vm.clusterStatus ?? 'Monitored'})
          </>
        )}
      </dd>
      <dt>Generation</dt>
      <dd>{vm.generation}</dd>
      <dt>Configuration version</dt>
      <dd>{vm.configVersion}</dd>
      <dt>Guest OS</dt>
      <dd>
        {vm.guestOs.family}
        {vm.guestOs.version ? ` ${vm.guestOs.version}` : ''}
      </dd>
      <dt>Memory</dt>
      <dd data-testid="config-memory">{memory}</dd>
      <dt>Processors</dt>
      <dd data-testid="config-processors">{vm.processorCount}</dd>
      <dt>Firmware</dt>
      <dd>{vm.firmware ? `Secure Boot ${vm.firmware.secureBoot ? 'on' : 'off'} (${vm.firmware.secureBootTemplate})` : 'BIOS'}</dd>
      <dt>Network adapters</dt>
      <dd>
        {vm.networkAdapters.length === 0
          ? 'none'
          : vm.networkAdapters.map((a) => (
              <div key={a.id}>
                {a.name} → {a.switchName}
              </div>
            ))}
      </dd>
      <dt>Disks</dt>
      <dd>
        {vm.disks.length === 0
          ? 'none'
          : vm.disks.map((d) => (
              <div key={d.id}>
                {d.name} · {d.sizeGb} GB
              </div>
            ))}
      </dd>
      <dt>Checkpoint type</dt>
      <dd>{vm.checkpointType}</dd>
      <dt>Integration services</dt>
      <dd>
        {services.length === 0
          ? '—'
          : services.map(([name, enabled]) => (
              <span key={name} className={`tag ${enabled ? 'ok' : 'idle'}`}>
                {name}
                {enabled ? '' : ' (off)'}
              </span>
            ))}
        {vm.integrationServicesVersion && <span className="muted"> version {vm.integrationServicesVersion}</span>}
      </dd>
    </dl>
  );
}

function Checkpoints({ vm }: { vm: Vm }) {
  const tree = useCheckpoints(vm.id);
  return (
    <Card title={`Checkpoints${tree.data ? ` (${tree.data.count})` : ''}`} testId="checkpoints">
      <ErrorBanner error={tree.error} />
      {tree.data && tree.data.checkpoints.length === 0 && <Empty>No checkpoints.</Empty>}
      {tree.data && tree.data.checkpoints.length > 0 && (
        <ul className="cptree" role="tree">
          {tree.data.checkpoints.map((node) => (
            <CheckpointItem key={node.id} vm={vm} node={node} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function CheckpointItem({ vm, node }: { vm: Vm; node: CheckpointNode }) {
  const can = useCan();
  const { client } = useSession();
  const { run, busy } = useAction();
  const disabled = !!busy || !!vm.pendingJobId;
  const path = { id: vm.id, checkpointId: node.id };
  return (
    <li role="treeitem" aria-expanded={node.children.length > 0} data-checkpoint={node.name}>
      <div className={`cpnode${node.isCurrent ? ' current' : ''}`}>
        <span className="cpicon" aria-hidden>
          ◉
        </span>
        <span className="cpname" title={`Taken ${new Date(node.createdAt).toLocaleString()}`}>
          {node.name}
        </span>
        <span className="tag idle">{node.kind}</span>
        {node.includesState && <span className="tag idle">saved state</span>}
        {can.vmInside && (
          <span className="cpactions">
            <ConfirmButton
              small
              label="Apply"
              disabled={disabled}
              onConfirm={() =>
                run(`Apply checkpoint ${node.name}`, () =>
                  client.post('/v1/vms/{id}/checkpoints/{checkpointId}/apply', { params: { path } }),
                )
              }
            />
            <ConfirmButton
              small
              danger
              label="Delete"
              disabled={disabled}
              onConfirm={() =>
                run(`Delete checkpoint ${node.name}`, () =>
                  client.delete('/v1/vms/{id}/checkpoints/{checkpointId}', { params: { path } }),
                )
              }
            />
            {node.children.length > 0 && (
              <ConfirmButton
                small
                danger
                label="Delete subtree"
                disabled={disabled}
                onConfirm={() =>
                  run(`Delete checkpoint subtree ${node.name}`, () =>
                    client.delete('/v1/vms/{id}/checkpoints/{checkpointId}', { params: { path, query: { subtree: true } } }),
                  )
                }
              />
            )}
          </span>
        )}
      </div>
      {(node.children.length > 0 || node.isCurrent) && (
        <ul role="group">
          {node.children.map((child) => (
            <CheckpointItem key={child.id} vm={vm} node={child} />
          ))}
          {node.isCurrent && (
            <li className="cpnow" data-testid="checkpoint-now">
              <div className="cpnode now">
                <span className="cpicon" aria-hidden>
                  ▶
                </span>
                Now
              </div>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function ReplicationCard({ vmId }: { vmId: string }) {
  const replication = useReplication(vmId);
  const can = useCan();
  const hosts = useHosts(can.hosts);
  const name = (id: string) => hosts.data?.find((h) => h.id === id)?.name ?? id.slice(0, 8);
  const r = replication.data;
  const { client } = useSession();
  const { run, busy } = useAction();
  type Operation =
    '/v1/vms/{id}/replication/suspend' | '/v1/vms/{id}/replication/resume' | '/v1/vms/{id}/replication/resynchronize';
  const act = (label: string, operation: Operation) =>
    run(`${label} replication`, () => client.post(operation, { params: { path: { id: vmId } } }));
  const actions =
    r && can.vmPlacement ? (
      <>
        {r.state === 'Replicating' && (
          <button className="button small" disabled={!!busy} onClick={() => act('Suspend', '/v1/vms/{id}/replication/suspend')}>
            Suspend
          </button>
        )}
        {r.state === 'Suspended' && (
          <button className="button small" disabled={!!busy} onClick={() => act('Resume', '/v1/vms/{id}/replication/resume')}>
            Resume
          </button>
        )}
        {r.health === 'Critical' && (
          <button
            className="button small"
            disabled={!!busy}
            onClick={() => act('Resynchronize', '/v1/vms/{id}/replication/resynchronize')}
          >
            Resynchronize
          </button>
        )}
      </>
    ) : null;
  return (
    <Card title="Replication" testId="replication" actions={actions}>
      <ErrorBanner error={replication.error} />
      {replication.isLoading && <Loading />}
      {r === null && <Empty>Not replicated.</Empty>}
      {r && (
        <dl className="properties">
          <dt>State</dt>
          <dd>
            <StateBadge state={r.state} /> <StateBadge state={r.health} /> {r.healthReason}
          </dd>
          <dt>Primary → replica</dt>
          <dd>
            {name(r.primaryHostId)} → {name(r.replicaHostId)}
          </dd>
          <dt>Frequency</dt>
          <dd>every {r.frequencySeconds} s</dd>
          <dt>Last replicated</dt>
          <dd>
            <Time at={r.lastReplicatedAt} />
            {r.lastReplicationSizeMb !== null && ` (${formatMb(r.lastReplicationSizeMb)})`}
          </dd>
          <dt>Cycles</dt>
          <dd>
            {r.statistics
              ? `${r.statistics.successfulCycles} sent, ${r.statistics.failedCycles} failed, ${r.statistics.missedCycles} missed` +
                (r.statistics.averageSizeMb !== null ? ` · average ${formatMb(r.statistics.averageSizeMb)}` : '')
              : 'not measured yet'}
          </dd>
          <dt>Recovery points</dt>
          <dd>{r.recoveryPoints.length}</dd>
          <dt>Disks</dt>
          <dd>
            {r.replicatedDiskIds.length} replicated, {r.nonReplicatedDiskIds.length} not
          </dd>
        </dl>
      )}
    </Card>
  );
}
