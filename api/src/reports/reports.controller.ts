import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { OptionalUuidPipe } from '../common/pipes/uuid.pipe';
import { ReportsService } from './reports.service';

class OpdFiguresView {
  @ApiProperty() opdId: string;
  @ApiProperty() opdName: string;
  @ApiProperty() intakeToday: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() completed30d: number;
  @ApiProperty({ nullable: true, type: Number, description: '0..1, completed on time in the last 30 days' }) slaCompliance: number | null;
}
class ServiceFiguresView extends OpdFiguresView {
  @ApiProperty() serviceId: string;
  @ApiProperty() serviceName: string;
}
class DashboardView {
  @ApiProperty() intakeToday: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() dueSoon: number;
  @ApiProperty() completed30d: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) slaCompliance: number | null;
  @ApiProperty({ type: [ServiceFiguresView] }) byService: ServiceFiguresView[];
  @ApiProperty({ type: [OpdFiguresView] }) byOpd: OpdFiguresView[];
}

@ApiTags('reports')
@Controller('dashboard')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({ summary: "Dashboard figures for the caller's scope" })
  @Can('readReport', 'Report')
  @ApiQuery({ name: 'opdId', required: false })
  @ApiOkResponse({ type: DashboardView })
  dashboard(@Auth() auth: AuthContext, @Query('opdId', OptionalUuidPipe) opdId?: string) {
    return this.reports.dashboard(auth, opdId);
  }
}
