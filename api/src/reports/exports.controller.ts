import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { exportFormat } from '../common/export/tabular';
import { CaseExportService } from './case-export.service';
import { CaseExportJobsService } from './case-export-jobs.service';
import { CreateExportJobDto } from './dto/export-job.dto';

/** Files of case lists (docs/REPORTS.md, "Exports" and "Background exports"). */
@ApiTags('reports')
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly caseExport: CaseExportService,
    private readonly jobs: CaseExportJobsService,
  ) {}

  @Get('cases')
  @ApiOperation({ summary: 'Any case list as CSV (streamed, any size) or XLSX (capped)' })
  @Can('read', 'Case')
  @ApiQuery({ name: 'filter', required: false, description: 'The case list’s filter (JSON), as GET /api/cases takes it' })
  @ApiQuery({ name: 'sort', required: false, description: 'JSON: ["submittedAt","DESC"]' })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'] })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Every row of the list the caller may read, in the list’s order' })
  @ApiPayloadTooLargeResponse({ description: 'EXPORT_TOO_LARGE: more rows than XLSX_ROW_CAP for XLSX' })
  cases(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>) {
    return this.caseExport.export(auth, query, exportFormat(query.format));
  }

  @Get('cases/size')
  @ApiOperation({ summary: 'How many rows a case-list export has, counted up to the background threshold' })
  @Can('read', 'Case')
  @ApiQuery({ name: 'filter', required: false, description: 'The case list’s filter (JSON), as GET /api/cases takes it' })
  @ApiOkResponse({ description: '{ atLeast, threshold, background }: background = more rows than EXPORT_BACKGROUND_ROWS' })
  size(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>) {
    return this.jobs.size(auth, query);
  }

  @Post('case-jobs')
  @ApiOperation({ summary: 'Start a background CSV export of a case list (the caller’s permissions, the list’s filter and sort)' })
  @Can('read', 'Case')
  @ApiCreatedResponse({ description: 'The queued job; GET it (or the list) for progress' })
  start(@Auth() auth: AuthContext, @Body() body: CreateExportJobDto) {
    return this.jobs.start(auth, body);
  }

  @Get('case-jobs')
  @ApiOperation({ summary: 'The caller’s background exports, newest first (at most 50)' })
  @Can('read', 'Case')
  @ApiOkResponse({ description: 'Status, progress, error code and expiry of each' })
  list(@Auth() auth: AuthContext) {
    return this.jobs.list(auth);
  }

  @Get('case-jobs/:id')
  @ApiOperation({ summary: 'One of the caller’s background exports' })
  @Can('read', 'Case')
  @ApiOkResponse({ description: 'Its status, progress (rowsWritten of rowsExpected), error code and expiry' })
  @ApiNotFoundResponse({ description: 'No such export of the caller’s' })
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.jobs.get(auth, id);
  }

  @Get('case-jobs/:id/file')
  @ApiOperation({ summary: 'Download a ready background export (its owner only)' })
  @Can('read', 'Case')
  @ApiProduces('text/csv', 'application/gzip')
  @ApiOkResponse({ description: 'The CSV (or .csv.gz) as written' })
  @ApiNotFoundResponse({ description: 'No such export of the caller’s' })
  @ApiConflictResponse({ description: 'EXPORT_NOT_READY: queued, running, failed or expired' })
  file(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.jobs.download(auth, id);
  }
}
