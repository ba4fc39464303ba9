import { HostSpecification } from './host.events';

export interface RegisterHost {
  type: 'RegisterHost';
  hostId: string;
  specification: Omit<HostSpecification, 'maximumLiveMigrations'> & { maximumLiveMigrations?: number };
  now: string;
}

export type HostCommand = RegisterHost;
