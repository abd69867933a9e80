import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { ReassignDto } from './dto/reassign.dto';
import { WorkloadService } from './workload.service';

/** Assignment by workload: suggestions for a case, and reassigning a user's open cases (preview, then run). */
@ApiTags('workload')
@Controller()
export class WorkloadController {
  constructor(private readonly workload: WorkloadService) {}

  @Get('cases/:id/assignee-suggestions')
  @ApiOperation({ summary: "Who could take the case's current step: present, active, least loaded by SLA risk first" })
  @Can('assign', 'Case')
  @ApiOkResponse({ description: 'AssigneeSuggestion[] (the first has suggested: true)' })
  @ApiNotFoundResponse({ description: 'No such case, or not one the caller may read' })
  suggestions(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.workload.suggestions(auth, id);
  }

  @Get('users/:id/reassign-preview')
  @ApiOperation({ summary: 'Where each open case of the user would go (least loaded eligible present user); writes nothing' })
  @Can('read', 'User')
  @ApiOkResponse({ description: 'ReassignPreview' })
  @ApiNotFoundResponse({ description: 'No such user, or not one the caller may read' })
  preview(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.workload.preview(auth, id);
  }

  @Post('users/:id/reassign')
  @ApiOperation({ summary: "Reassign the user's open cases as previewed: each through ASSIGN at the previewed version, a result per case" })
  @HttpCode(200)
  @Can('assign', 'Case')
  @ApiOkResponse({ description: 'BulkResult[]' })
  reassign(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: ReassignDto) {
    return this.workload.reassign(auth, id, dto);
  }
}
