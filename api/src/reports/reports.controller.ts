import { applyDecorators, Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { REPORT_NAMES } from '@layanan/contracts';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { exportFormat } from '../common/export/tabular';
import { ExportQueryDto, ReportQueryDto } from './dto/report-query.dto';
import { ReportExportService } from './report-export.service';
import { ReportsService } from './reports.service';

/** A report answered with ETag and Last-Modified (docs/REPORTS.md "HTTP caching"). */
const Conditional = () =>
  applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: "The ETag of the caller's copy" }),
    ApiNotModifiedResponse({ description: 'The copy with that ETag is current (same refresh, same caller scope and filters)' }),
  );

/** Heads' and leadership's reports (docs/REPORTS.md), each scoped by the caller's readReport rules. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ReportExportService,
  ) {}

  @Get('sla')
  @ApiOperation({ summary: 'SLA compliance and open-and-overdue' })
  @Can('readReport', 'Report')
  @Conditional()
  @ApiOkResponse({ description: 'SLA compliance in the period, open and overdue now' })
  sla(
    @Auth() auth: AuthContext,
    @Query() q: ReportQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports.respond('sla', auth, q, etag, res);
  }

  @Get('backlog')
  @ApiOperation({ summary: 'Backlog ageing' })
  @Can('readReport', 'Report')
  @Conditional()
  @ApiOkResponse({ description: 'Open cases by age in working days and by share of SLA used' })
  backlog(
    @Auth() auth: AuthContext,
    @Query() q: ReportQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports.respond('backlog', auth, q, etag, res);
  }

  @Get('stages')
  @ApiOperation({ summary: 'Stage durations' })
  @Can('readReport', 'Report')
  @Conditional()
  @ApiOkResponse({ description: 'Median and p90 working hours per workflow state' })
  stages(
    @Auth() auth: AuthContext,
    @Query() q: ReportQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports.respond('stages', auth, q, etag, res);
  }

  @Get('throughput')
  @ApiOperation({ summary: 'Throughput, channel and returns' })
  @Can('readReport', 'Report')
  @Conditional()
  @ApiOkResponse({ description: 'Received vs closed per week or month, channel, returns' })
  throughput(
    @Auth() auth: AuthContext,
    @Query() q: ReportQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports.respond('throughput', auth, q, etag, res);
  }

  @Get('officers')
  @ApiOperation({ summary: 'Workload per officer' })
  @Can('readReport', 'Report')
  @Conditional()
  @ApiOkResponse({ description: 'Workload per officer' })
  officers(
    @Auth() auth: AuthContext,
    @Query() q: ReportQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports.respond('officers', auth, q, etag, res);
  }

  @Get('services')
  @ApiOperation({ summary: 'Figures per service' })
  @Can('readReport', 'Report')
  @Conditional()
  @ApiOkResponse({ description: 'Figures per service, named with its OPD' })
  services(
    @Auth() auth: AuthContext,
    @Query() q: ReportQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports.respond('services', auth, q, etag, res);
  }

  @Get('opds')
  @ApiOperation({ summary: 'Figures per OPD' })
  @Can('readReport', 'Report')
  @Conditional()
  @ApiOkResponse({ description: 'Figures per OPD, side by side' })
  opds(
    @Auth() auth: AuthContext,
    @Query() q: ReportQueryDto,
    @Headers('if-none-match') etag: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    return this.reports.respond('opds', auth, q, etag, res);
  }

  @Get(':name/export')
  @ApiOperation({ summary: 'A report as CSV or XLSX (the numbers the screen shows)' })
  @Can('readReport', 'Report')
  @ApiParam({ name: 'name', enum: REPORT_NAMES })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The report flattened to rows, snake_case columns (docs/REPORTS.md)' })
  @ApiPayloadTooLargeResponse({ description: 'EXPORT_TOO_LARGE: more rows than XLSX_ROW_CAP for XLSX' })
  export(@Auth() auth: AuthContext, @Param('name') name: string, @Query() q: ExportQueryDto) {
    return this.exports.export(auth, name, q, exportFormat(q.format));
  }
}
