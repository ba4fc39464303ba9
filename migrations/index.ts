import { EventStore1764150000000 } from './1764150000000-event-store';
import { Processing1764150000001 } from './1764150000001-processing';
import { Hosts1764150000002 } from './1764150000002-hosts';

/** Every migration, in order. Listed explicitly so the compiled service and the tests agree. */
export const MIGRATIONS = [EventStore1764150000000, Processing1764150000001, Hosts1764150000002];
