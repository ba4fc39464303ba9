import { Command } from 'commander';
import {
  createFabricClient,
  FabricClient,
  FabricProblem,
  isAccepted,
  isJob,
  type DataFor,
  type Init,
  type Job,
  type PathFor,
} from '../client';
import { resolveConnection } from './config';
import { WorkFailed } from './exit-codes';
import { Output, OutputFormat } from './output';
import { watchJob } from './watch';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GlobalFlags {
  url?: string;
  apiKey?: string;
  profile?: string;
  output: OutputFormat;
}

/** How a command that starts host work ends: at once, when the job has ended, or watched live. */
export interface JobFlags {
  wait: boolean;
  watch?: boolean;
}

/** What every command needs: the client, the output, whether stdout is a terminal, names resolved to ids. */
export class CliContext {
  constructor(
    readonly fabric: FabricClient,
    readonly out: Output,
    readonly terminal: boolean,
  ) {}

  static of(command: Command): CliContext {
    const flags = command.optsWithGlobals<GlobalFlags>();
    const connection = resolveConnection(flags);
    const fabric = createFabricClient({ baseUrl: connection.url, apiKey: connection.apiKey });
    return new CliContext(fabric, new Output(flags.output), Boolean(process.stdout.isTTY));
  }

  async hostId(ref: string): Promise<string> {
    if (UUID.test(ref)) return ref;
    return this.byName('host', ref, this.fabric.paginate('/v1/hosts', { params: { query: { limit: 500 } } }));
  }

  async clusterId(ref: string): Promise<string> {
    if (UUID.test(ref)) return ref;
    return this.byName('cluster', ref, this.fabric.paginate('/v1/clusters', { params: { query: { name: ref, limit: 500 } } }));
  }

  async vmId(ref: string): Promise<string> {
    if (UUID.test(ref)) return ref;
    return this.byName('VM', ref, this.fabric.paginate('/v1/vms', { params: { query: { limit: 500 } } }));
  }

  /** A host's name by id, for readable output (the id itself when it cannot be read). */
  async hostNames(): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    try {
      for await (const host of this.fabric.paginate('/v1/hosts', { params: { query: { limit: 500 } } }))
        names.set(host.id, host.name);
    } catch (error) {
      // A vm-operator sees hosts only as ids.
      if (!(error instanceof FabricProblem)) throw error;
    }
    return names;
  }

  /**
   * Sends a command that may start a job and ends the way the flags ask: `--no-wait` prints the
   * accepted job, otherwise the job is followed to its end (watched live with `--watch`) and a
   * job that did not succeed is a failure.
   */
  async runJob<M extends 'post' | 'put' | 'delete', P extends PathFor<M>>(
    method: M,
    path: P,
    init: Init<M, P> | undefined,
    flags: JobFlags,
  ): Promise<{ reply: DataFor<M, P>; job: Job | null }> {
    if (!flags.wait || flags.watch) {
      const { reply } = await this.fabric.command(method, path, init as never, { waitSeconds: 0 });
      if (!isAccepted(reply)) {
        this.printReply(reply);
        return { reply: reply as DataFor<M, P>, job: null };
      }
      if (!flags.wait) {
        if (this.out.format === 'table') {
          this.out.line(`accepted: job ${reply.jobId} (${reply.resource.type} ${reply.resource.id})`);
        } else this.out.data(reply);
        return { reply: reply as DataFor<M, P>, job: null };
      }
      const job = await watchJob(this, reply.jobId);
      this.printJob(job);
      return { reply: reply as DataFor<M, P>, job };
    }
    const { reply, job } = await this.fabric.command(method, path, init as never, { waitSeconds: 60, allowFailure: true });
    if (job) this.printJob(job);
    else this.printReply(reply);
    return { reply: reply as DataFor<M, P>, job };
  }

  /** The job's outcome: one line in table mode (the data otherwise); a job that did not succeed fails the command. */
  printJob(job: Job): void {
    if (this.out.format === 'table') {
      this.out.line(`${job.kind} ${job.status}: ${job.target.type} ${job.target.id} (job ${job.id})`);
    } else this.out.data(job);
    if (job.status !== 'Succeeded') {
      throw new WorkFailed(
        `${job.error?.code ?? job.status.toUpperCase()}: ${job.error?.detail ?? `job ${job.id} ${job.status}`}`,
      );
    }
  }

  private printReply(reply: unknown): void {
    if (isJob(reply)) return this.printJob(reply);
    if (typeof reply === 'object' && reply !== null) this.out.record(reply);
    else if (reply !== undefined) this.out.data(reply);
  }

  private async byName(kind: string, name: string, items: AsyncIterable<{ id: string; name: string }>): Promise<string> {
    const found: string[] = [];
    for await (const item of items) if (item.name === name) found.push(item.id);
    if (found.length === 1) return found[0];
    throw new FabricProblem({
      status: found.length === 0 ? 404 : 409,
      title: found.length === 0 ? 'Not Found' : 'Conflict',
      code: found.length === 0 ? 'NOT_FOUND' : 'AMBIGUOUS_NAME',
      detail:
        found.length === 0
          ? `no ${kind} named ${name}`
          : `${found.length} ${kind}s are named ${name}: use an id (${found.join(', ')})`,
    });
  }
}
