import { Injectable } from '@nestjs/common';
import { Decider, DomainEvent } from '../platform/domain/decider';
import { JobProblem } from './domain/job.events';

/** A command for one aggregate, ready for the command handler. */
export interface RoutedCommand {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  decider: Decider<any, DomainEvent, any>;
  streamId: string;
  command: unknown;
}

/**
 * How the outcome of a job reaches the aggregate that asked for it, and how a restart goes back
 * through that aggregate (which checks that the operation is still allowed).
 */
export interface JobRoute {
  succeeded(targetId: string, outcome: { jobId: string; result: Record<string, unknown>; at: string }): RoutedCommand;
  failed(targetId: string, outcome: { jobId: string; problem: JobProblem; at: string }): RoutedCommand;
  /** The target has recorded the outcome of this job (it no longer waits for it). */
  settled(targetId: string, jobId: string): Promise<boolean>;
  retry(
    targetId: string,
    request: { jobId: string; requestedBy: { actor: string; role: string }; now: string },
  ): Promise<RoutedCommand>;
}

@Injectable()
export class JobRoutes {
  private readonly routes = new Map<string, JobRoute>();

  register(targetType: string, route: JobRoute): void {
    this.routes.set(targetType, route);
  }

  get(targetType: string): JobRoute {
    const route = this.routes.get(targetType);
    if (!route) throw new Error(`No job route for targets of type ${targetType}`);
    return route;
  }
}
