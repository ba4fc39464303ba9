export { createFabricClient, FabricClient, newIdempotencyKey } from './fabric-client';
export type {
  CallOptions,
  CommandOutcome,
  DataFor,
  FabricClientOptions,
  FollowOptions,
  Init,
  PathFor,
  RawFabricClient,
} from './fabric-client';
export type { EventStreamOptions } from './event-stream';
export { FabricJobFailed, FabricProblem, FabricUnreachable } from './problem';
export type { ProblemDocument } from './problem';
export * from './types';
export type { components, operations, paths } from './generated/fabric-api';
