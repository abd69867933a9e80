import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ReportGrain, ReportQuery } from '@layanan/contracts';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';

/** A report's period (WIB dates, `to` inclusive; default this month) and scope filters. */
export class ReportQueryDto implements ReportQuery {
  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  opdId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiPropertyOptional({ enum: ['week', 'month'] })
  @IsOptional()
  @IsIn(['week', 'month'])
  grain?: ReportGrain;
}

export class ExportQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'] })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
