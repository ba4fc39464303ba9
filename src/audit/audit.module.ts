import { Module, OnModuleInit } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { RecordedEvent } from '../event-store/event-store.port';
import { canSeeTenant, Principal } from '../platform/auth/principal';
import { hostStreamId } from '../hosts/domain/host.decider';
import { vmStreamId } from '../vms/domain/vm.events';
import { EventsController } from './api/events.controller';
import { HistoryController } from './api/history.controller';
import { EventStreamService } from './event-stream.service';
import { HistoryKinds } from './history-kinds';

/** A VM belongs to the tenant named when it was created; a vm-operator sees only its tenants' VMs. */
function vmVisibleTo(principal: Principal, stream: readonly RecordedEvent[]): boolean {
  const creation = stream.find((event) => event.type === 'VmCreationRequested');
  return creation !== undefined && canSeeTenant(principal, String((creation.data as { tenant?: unknown }).tenant));
}

/** The audit trail: every event, live as server-sent events, and each resource's own history. */
@Module({
  imports: [AccessModule],
  controllers: [EventsController, HistoryController],
  providers: [EventStreamService, HistoryKinds],
  exports: [HistoryKinds],
})
export class AuditModule implements OnModuleInit {
  constructor(private readonly kinds: HistoryKinds) {}

  onModuleInit(): void {
    this.kinds.register('hosts', { streamPrefix: hostStreamId(''), roles: ['auditor', 'fabric-admin'] });
    this.kinds.register('vms', {
      streamPrefix: vmStreamId(''),
      roles: ['auditor', 'fabric-admin', 'vm-operator'],
      visibleTo: vmVisibleTo,
    });
  }
}
