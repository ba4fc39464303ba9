import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClusters, useHosts, useVmPages, VmFilter } from '../api/queries';
import { Vm } from '../api/types';
import { ConfirmButton, useAction } from '../components/actions';
import { ErrorBanner, formatMb, StateBadge } from '../components/ui';
import { Link, navigate, useRoute } from '../router';
import { useCan, useSession } from '../session';

const VM_STATES: Vm['state'][] = ['Running', 'Off', 'Saved', 'Paused', 'Starting', 'Stopping', 'Creating', 'CreationFailed'];
const HEARTBEATS: Vm['heartbeat'][] = [
  'OkApplicationsHealthy',
  'OkApplicationsUnknown',
  'OkApplicationsCritical',
  'NoContact',
  'LostCommunication',
  'Disabled',
];
const FILTER_NAMES = ['state', 'heartbeat', 'configVersion', 'generation', 'hostId', 'clusterId', 'tenant'] as const;
const ROW_HEIGHT = 36;

/** The filters as the page's address holds them. */
type FilterParams = Partial<Record<(typeof FILTER_NAMES)[number], string>>;

/** The address's filters as the API takes them; a value the API would refuse is left out. */
function toVmFilter(params: FilterParams): VmFilter {
  const { state, heartbeat, generation, ...rest } = params;
  return {
    ...rest,
    ...(VM_STATES.includes(state as Vm['state']) ? { state: state as Vm['state'] } : {}),
    ...(HEARTBEATS.includes(heartbeat as Vm['heartbeat']) ? { heartbeat: heartbeat as Vm['heartbeat'] } : {}),
    ...(generation === '1' || generation === '2' ? { generation: Number(generation) as 1 | 2 } : {}),
  };
}

export function VmListPage() {
  const route = useRoute();
  const params: FilterParams = useMemo(() => {
    const result: FilterParams = {};
    for (const name of FILTER_NAMES) {
      const value = route.params.get(name);
      if (value) result[name] = value;
    }
    return result;
  }, [route.params]);
  const filter = useMemo(() => toVmFilter(params), [params]);
  const pages = useVmPages(filter);
  const vms = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  useEffect(() => setSelected(new Set()), [JSON.stringify(filter)]);
  const setFilter = (name: keyof FilterParams, value: string) =>
    navigate('/vms', { ...params, [name]: value || undefined }, true);
  const hasFilter = Object.keys(filter).length > 0;

  return (
    <div className="page" data-testid="vm-list">
      <div className="page-header">
        <h1>Virtual machines</h1>
        <span className="muted">
          {vms.length}
          {pages.hasNextPage ? '+' : ''} {hasFilter ? 'matching' : 'in the fabric'}
        </span>
      </div>
      <Filters filter={params} setFilter={setFilter} />
      <BulkBar
        filter={filter}
        hasFilter={hasFilter}
        selected={vms.filter((vm) => selected.has(vm.id))}
        clear={() => setSelected(new Set())}
      />
      <ErrorBanner error={pages.error} />
      <VirtualTable
        vms={vms}
        selected={selected}
        setSelected={setSelected}
        loading={pages.isLoading}
        onNearEnd={() => {
          if (pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
        }}
      />
    </div>
  );
}

function Filters({ filter, setFilter }: { filter: FilterParams; setFilter: (name: keyof FilterParams, value: string) => void }) {
  const can = useCan();
  const hosts = useHosts(can.hosts);
  const clusters = useClusters(can.hosts);
  const { me } = useSession();
  const [tenant, setTenant] = useState(filter.tenant ?? '');
  return (
    <div className="filters" role="search">
      <label>
        State
        <select value={filter.state ?? ''} onChange={(e) => setFilter('state', e.target.value)} name="state">
          <option value="">any</option>
          {VM_STATES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Heartbeat
        <select value={filter.heartbeat ?? ''} onChange={(e) => setFilter('heartbeat', e.target.value)} name="heartbeat">
          <option value="">any</option>
          {HEARTBEATS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Version
        <select
          value={filter.configVersion ?? ''}
          onChange={(e) => setFilter('configVersion', e.target.value)}
          name="configVersion"
        >
          <option value="">any</option>
          {['5.0', '8.0', '9.0', '10.0', '11.0', '12.0'].map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      <label>
        Generation
        <select value={filter.generation ?? ''} onChange={(e) => setFilter('generation', e.target.value)} name="generation">
          <option value="">any</option>
          <option>1</option>
          <option>2</option>
        </select>
      </label>
      {can.hosts && (
        <label>
          Host
          <select value={filter.hostId ?? ''} onChange={(e) => setFilter('hostId', e.target.value)} name="hostId">
            <option value="">any</option>
            {(hosts.data ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {can.hosts && (
        <label>
          Cluster
          <select value={filter.clusterId ?? ''} onChange={(e) => setFilter('clusterId', e.target.value)} name="clusterId">
            <option value="">any</option>
            {(clusters.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Tenant
        {me.tenants.length > 0 ? (
          <select value={filter.tenant ?? ''} onChange={(e) => setFilter('tenant', e.target.value)} name="tenant">
            <option value="">any of mine</option>
            {me.tenants.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        ) : (
          <input
            name="tenant"
            value={tenant}
            placeholder="any"
            onChange={(e) => setTenant(e.target.value)}
            onBlur={() => setFilter('tenant', tenant.trim())}
            onKeyDown={(e) => e.key === 'Enter' && setFilter('tenant', tenant.trim())}
          />
        )}
      </label>
    </div>
  );
}

function BulkBar(props: { filter: VmFilter; hasFilter: boolean; selected: Vm[]; clear: () => void }) {
  const { client } = useSession();
  const can = useCan();
  const { run, busy } = useAction();
  if (!can.vmInside) return null;
  const { selected, filter } = props;
  const forEach = (label: string, command: (vm: Vm) => Promise<unknown>) =>
    run(`${label} (${selected.length} VMs)`, async () => {
      const outcomes = await Promise.allSettled(selected.map(command));
      const refused = outcomes.filter((o) => o.status === 'rejected').length;
      props.clear();
      if (refused > 0) throw new Error(`${selected.length - refused} accepted, ${refused} refused`);
    });
  return (
    <div className="bulkbar" data-testid="bulk-bar">
      <span>{selected.length > 0 ? `${selected.length} selected` : 'Select VMs for actions on several at once'}</span>
      <button
        className="button small"
        disabled={selected.length === 0 || !!busy}
        onClick={() => forEach('Start', (vm) => client.post('/v1/vms/{id}/start', { params: { path: { id: vm.id } } }))}
      >
        Start
      </button>
      <button
        className="button small"
        disabled={selected.length === 0 || !!busy}
        onClick={() =>
          forEach('Shut down', (vm) =>
            client.post('/v1/vms/{id}/stop', { params: { path: { id: vm.id } }, body: { mode: 'shutdown' } }),
          )
        }
      >
        Shut down
      </button>
      <button
        className="button small"
        disabled={selected.length === 0 || !!busy}
        onClick={() =>
          forEach('Disable Heartbeat', (vm) =>
            client.put('/v1/vms/{id}/integration-services/{service}', {
              params: { path: { id: vm.id, service: 'Heartbeat' } },
              body: { enabled: false },
            }),
          )
        }
      >
        Disable Heartbeat service
      </button>
      <ConfirmButton
        small
        label="Disable Heartbeat on every match"
        disabled={!props.hasFilter || !!busy}
        title={props.hasFilter ? 'One job per VM matching the filters' : 'Choose at least one filter first'}
        onConfirm={() =>
          run('Disable Heartbeat on every VM matching the filter', async () => {
            const answer = await client.post('/v1/vms/integration-services/bulk', {
              body: { filter, service: 'Heartbeat', enabled: false },
            });
            const { matched, accepted, refusedCount } = answer.summary;
            if (refusedCount > 0) throw new Error(`${matched} matched, ${accepted} accepted, ${refusedCount} refused`);
            return answer;
          })
        }
      />
    </div>
  );
}

function VirtualTable(props: {
  vms: Vm[];
  selected: Set<string>;
  setSelected: (selected: Set<string>) => void;
  loading: boolean;
  onNearEnd: () => void;
}) {
  const { vms, selected, setSelected, onNearEnd } = props;
  const can = useCan();
  const hosts = useHosts(can.hosts);
  const hostNames = useMemo(() => new Map((hosts.data ?? []).map((h) => [h.id, h.name])), [hosts.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: vms.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && last.index >= vms.length - 20) onNearEnd();
  }, [last?.index, vms.length, onNearEnd]);
  const allSelected = vms.length > 0 && vms.every((vm) => selected.has(vm.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  return (
    <div className="vtable" role="table" aria-rowcount={vms.length}>
      <div className="vrow vhead" role="row">
        <span role="columnheader">
          <input
            type="checkbox"
            aria-label="Select all loaded"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(vms.map((vm) => vm.id)))}
          />
        </span>
        <span role="columnheader">Name</span>
        <span role="columnheader">State</span>
        <span role="columnheader">Heartbeat</span>
        <span role="columnheader">Tenant</span>
        <span role="columnheader">Host</span>
        <span role="columnheader">Version</span>
        <span role="columnheader">Gen</span>
        <span role="columnheader">Memory</span>
        <span role="columnheader">CPUs</span>
      </div>
      <div className="vbody" ref={scroller}>
        {props.loading && <div className="loading">Loading…</div>}
        {!props.loading && vms.length === 0 && <div className="empty">No virtual machines match.</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const vm = vms[item.index];
            return (
              <div
                key={vm.id}
                className={`vrow${selected.has(vm.id) ? ' selected' : ''}`}
                role="row"
                data-vm={vm.name}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <span role="cell">
                  <input
                    type="checkbox"
                    aria-label={`Select ${vm.name}`}
                    checked={selected.has(vm.id)}
                    onChange={() => toggle(vm.id)}
                  />
                </span>
                <span role="cell">
                  <Link to={`/vms/${vm.id}`}>{vm.name}</Link>
                </span>
                <span role="cell">
                  <StateBadge state={vm.state} />
                </span>
                <span role="cell">
                  <StateBadge state={vm.heartbeat} />
                </span>
                <span role="cell">{vm.tenant}</span>
                <span role="cell">{vm.hostId ? (hostNames.get(vm.hostId) ?? vm.hostId.slice(0, 8)) : '—'}</span>
                <span role="cell">{vm.configVersion}</span>
                <span role="cell">{vm.generation}</span>
                <span role="cell">{formatMb(vm.memory.startupMb)}</span>
                <span role="cell">{vm.processorCount}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
