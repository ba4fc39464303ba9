import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics; one registry per application instance (tests start several). */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly appendedEvents = new Counter({
    name: 'fm_events_appended_total',
    help: 'Events appended to the event store',
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'fm_commands_total',
    help: 'Commands handled, by command type and outcome (accepted, rejected, no-op)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly conflicts = new Counter({
    name: 'fm_version_conflicts_total',
    help: 'Appends that lost a version race',
    registers: [this.registry],
  });

  readonly processorEvents = new Counter({
    name: 'fm_processor_events_total',
    help: 'Events applied by each processor in this process',
    labelNames: ['processor'] as const,
    registers: [this.registry],
  });

  readonly processorBatchSeconds = new Histogram({
    name: 'fm_processor_batch_seconds',
    help: 'Time to apply one processor batch',
    labelNames: ['processor'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });

  readonly processorLag = new Gauge({
    name: 'fm_processor_lag_events',
    help: 'Events between the store head and each processor position',
    labelNames: ['processor'] as const,
    registers: [this.registry],
  });

  readonly httpRequests = new Histogram({
    name: 'fm_http_request_seconds',
    help: 'HTTP request durations by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'fm_job_duration_seconds',
    help: 'Time from a worker taking a job to its outcome, by job kind',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });

  readonly jobProgressReports = new Counter({
    name: 'fm_job_progress_reports_total',
    help: 'Live progress figures a worker reported for the jobs it runs (not recorded as events), by job kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'fm_job_queue_depth',
    help: 'BullMQ jobs by state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'fm_' });
  }
}
