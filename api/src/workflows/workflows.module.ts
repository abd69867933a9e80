import { Global, Module } from '@nestjs/common';
import { WorkflowDraftsController } from './workflow-drafts.controller';
import { WorkflowDraftsService } from './workflow-drafts.service';
import { WorkflowRegistry } from './workflow-registry.service';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Global()
@Module({
  controllers: [WorkflowsController, WorkflowDraftsController],
  providers: [WorkflowsService, WorkflowDraftsService, WorkflowRegistry],
  exports: [WorkflowRegistry],
})
export class WorkflowsModule {}
