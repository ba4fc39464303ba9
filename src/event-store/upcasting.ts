import { RecordedEvent } from './event-store.port';

/**
 * Old event shapes are upcast on read by pure functions; stored events are never rewritten.
 * An upcaster lifts one type from one schema version to the next.
 */
export interface Upcaster {
  type: string;
  fromSchemaVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): void {
    const versions = this.byType.get(upcaster.type) ?? new Map<number, Upcaster>();
    if (versions.has(upcaster.fromSchemaVersion)) {
      throw new Error(`Two upcasters for ${upcaster.type} v${upcaster.fromSchemaVersion}`);
    }
    versions.set(upcaster.fromSchemaVersion, upcaster);
    this.byType.set(upcaster.type, versions);
  }

  /** Applies every upcaster in sequence until the event has the newest known shape. */
  upcast<E extends RecordedEvent>(event: E): E {
    const versions = this.byType.get(event.type);
    if (!versions) return event;
    let { data, schemaVersion } = event;
    for (let next = versions.get(schemaVersion); next; next = versions.get(schemaVersion)) {
      data = next.upcast(data);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }
}
