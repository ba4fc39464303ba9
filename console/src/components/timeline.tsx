import { scaleTime } from 'd3-scale';
import { FabricEvent } from '../api/types';

const WIDTH = 1000;
const HEIGHT = 64;
const MARGIN = 24;

function tone(type: string): string {
  if (/Failed|Refused|Crashed|Lost|Down/.test(type)) return 'bad';
  if (/Requested|Started$|Initiated/.test(type)) return 'busy';
  if (/Checkpoint/.test(type)) return 'accent';
  return 'ok';
}

/**
 * A resource's history on a time axis: one mark per event, the chosen one highlighted. Marks that
 * would overlap are still all there; the slider below walks them one by one.
 */
export function HistoryTimeline(props: { events: FabricEvent[]; selectedIndex: number; onSelect: (index: number) => void }) {
  const { events, selectedIndex, onSelect } = props;
  if (events.length === 0) return null;
  const first = Date.parse(events[0].recordedAt);
  const last = Math.max(Date.parse(events[events.length - 1].recordedAt), first + 1000);
  const x = scaleTime()
    .domain([new Date(first), new Date(last)])
    .range([MARGIN, WIDTH - MARGIN])
    .nice();
  const ticks = x.ticks(8);
  const format = x.tickFormat(8);
  return (
    <div className="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label="History timeline">
        <line x1={MARGIN} x2={WIDTH - MARGIN} y1={26} y2={26} className="axis" />
        {ticks.map((tick) => (
          <g key={tick.getTime()} transform={`translate(${x(tick)},0)`}>
            <line y1={20} y2={32} className="tick" />
            <text y={52} textAnchor="middle" className="tick-label">
              {format(tick)}
            </text>
          </g>
        ))}
        {events.map((event, index) => (
          <circle
            key={event.eventId}
            cx={x(new Date(event.recordedAt))}
            cy={26}
            r={index === selectedIndex ? 8 : 5}
            className={`mark tone-${tone(event.type)}${index === selectedIndex ? ' selected' : ''}${index > selectedIndex ? ' future' : ''}`}
            onClick={() => onSelect(index)}
          >
            <title>
              {event.type} · {new Date(event.recordedAt).toLocaleString()}
            </title>
          </circle>
        ))}
      </svg>
    </div>
  );
}

export interface Span {
  key: string;
  label: string;
  start: number;
  end: number | null;
  status: string;
}

/** Rows of spans on one shared time axis (a rolling upgrade's nodes and their steps). */
export function SpanChart(props: { rows: { key: string; label: string; spans: Span[] }[]; now: number }) {
  const { rows, now } = props;
  const all = rows.flatMap((row) => row.spans);
  if (all.length === 0) return <div className="empty">No step has started yet.</div>;
  const start = Math.min(...all.map((s) => s.start));
  const end = Math.max(now, ...all.map((s) => s.end ?? now), start + 1000);
  const width = 1000;
  const label = 140;
  const rowHeight = 30;
  const x = scaleTime()
    .domain([new Date(start), new Date(end)])
    .range([label, width - 10]);
  const ticks = x.ticks(6);
  const format = x.tickFormat(6);
  const height = rows.length * rowHeight + 24;
  return (
    <svg className="spanchart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Steps on a time axis">
      {ticks.map((tick) => (
        <g key={tick.getTime()}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 20} className="grid" />
          <text x={x(tick)} y={height - 6} textAnchor="middle" className="tick-label">
            {format(tick)}
          </text>
        </g>
      ))}
      {rows.map((row, index) => (
        <g key={row.key} transform={`translate(0,${index * rowHeight})`} data-row={row.label}>
          <text x={4} y={19} className="row-label">
            {row.label}
          </text>
          {row.spans.map((span) => {
            const x0 = x(new Date(span.start));
            const x1 = Math.max(x0 + 3, x(new Date(span.end ?? now)));
            return (
              <g key={span.key} className={`span status-${span.status}`} data-step={span.label} data-status={span.status}>
                <rect x={x0} y={5} width={x1 - x0} height={rowHeight - 10} rx={3} />
                {x1 - x0 > 44 && (
                  <text x={x0 + 4} y={19} className="span-label">
                    {span.label}
                  </text>
                )}
                <title>
                  {span.label}: {span.status}
                </title>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
