import { Controller } from '@nestjs/common';
import { LeadsSubjects, type QueueNextDto, type QueueStatusDto, type RequestContext } from '@parley/contracts';
import { Ctx, Handles } from '@parley/platform';
import { QueueService } from './queue.service';

@Controller()
export class QueueHandler {
  constructor(private readonly queue: QueueService) {}

  @Handles(LeadsSubjects.queueStatus)
  status(@Ctx() ctx: RequestContext): Promise<QueueStatusDto> {
    return this.queue.status(ctx);
  }

  @Handles(LeadsSubjects.queueNext)
  next(@Ctx() ctx: RequestContext): Promise<QueueNextDto> {
    return this.queue.next(ctx);
  }
}
