import { Module } from '@nestjs/common';
import { RoleHandler } from './role.handler';
import { RoleService } from './role.service';

@Module({ controllers: [RoleHandler], providers: [RoleService], exports: [RoleService] })
export class RoleModule {}
