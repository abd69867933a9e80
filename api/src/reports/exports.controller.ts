import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { exportFormat } from '../common/export/tabular';
import { CaseExportService } from './case-export.service';

/** Files of case lists (docs/REPORTS.md, "Exports"). */
@ApiTags('reports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly caseExport: CaseExportService) {}

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
}
