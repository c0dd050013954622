import { Controller } from '@nestjs/common';
import {
  CreateActivityRequest, LeadsSubjects, ListActivitiesRequest,
  type ActivityCreatedDto, type ActivityDto, type Page, type RequestContext,
} from '@parley/contracts';
import { Ctx, Data, Handles } from '@parley/platform';
import { ActivityService } from './activity.service';

@Controller()
export class ActivityHandler {
  constructor(private readonly activities: ActivityService) {}

  @Handles(LeadsSubjects.createActivity, CreateActivityRequest)
  create(@Data() data: CreateActivityRequest, @Ctx() ctx: RequestContext): Promise<ActivityCreatedDto> {
    return this.activities.create(data, ctx);
  }

  @Handles(LeadsSubjects.listActivities, ListActivitiesRequest)
  list(@Data() data: ListActivitiesRequest, @Ctx() ctx: RequestContext): Promise<Page<ActivityDto>> {
    return this.activities.list(data, ctx);
  }
}
