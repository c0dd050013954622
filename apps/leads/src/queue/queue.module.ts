import { Module } from '@nestjs/common';
import { AgentPresenceProjector } from './agent-presence.projector';
import { QueueSnapshotReader } from './queue-snapshot.reader';
import { QueueUpdatePublisher } from './queue-update.publisher';
import { QueueHandler } from './queue.handler';
import { QueueService } from './queue.service';

/** The human call queue, the agent presence read model and the coalesced `queue.updated` pushes. */
@Module({
  controllers: [QueueHandler],
  providers: [QueueService, QueueSnapshotReader, QueueUpdatePublisher, AgentPresenceProjector],
  exports: [QueueUpdatePublisher],
})
export class QueueModule {}
