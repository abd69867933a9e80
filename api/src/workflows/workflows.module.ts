import { Global, Module } from '@nestjs/common';
import { WorkflowRegistry } from './workflow-registry.service';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Global()
@Module({ controllers: [WorkflowsController], providers: [WorkflowsService, WorkflowRegistry], exports: [WorkflowRegistry] })
export class WorkflowsModule {}
