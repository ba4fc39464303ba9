import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../processing/document-projection';
import { API_KEY_EVENT_TYPES, ApiKeyEvent } from '../domain/api-key.events';
import { ApiKeyReadModel } from './api-key-read-model.entity';

export const apiKeyProjection: DocumentProjection<ApiKeyReadModel> = {
  name: 'api-keys',
  entity: ApiKeyReadModel,
  eventTypes: API_KEY_EVENT_TYPES,
  documentIds: (event) => [event.streamId.slice('api-key-'.length)],
  evolve(doc: ApiKeyReadModel | null, recorded: RecordedEvent): ApiKeyReadModel | null {
    const event = recorded as unknown as ApiKeyEvent;
    const stamp = { version: recorded.streamVersion, lastPosition: recorded.globalPosition };
    switch (event.type) {
      case 'ApiKeyIssued':
        return {
          id: event.data.keyId,
          name: event.data.name,
          role: event.data.role,
          tenants: event.data.tenants,
          secretHash: event.data.secretHash,
          createdAt: event.data.issuedAt,
          createdBy: event.data.issuedBy,
          revokedAt: null,
          ...stamp,
        };
      case 'ApiKeyRevoked':
        return doc && { ...doc, revokedAt: event.data.revokedAt, ...stamp };
      default:
        return doc;
    }
  },
};
