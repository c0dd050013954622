import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { RoutingHandler } from './routing.handler';
import { RoutingService } from './routing.service';

/** Routing rules and who gets a lead; agent availability comes from the queue's presence read model. */
@Module({ imports: [QueueModule], controllers: [RoutingHandler], providers: [RoutingService] })
export class RoutingModule {}
