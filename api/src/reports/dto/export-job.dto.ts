import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

/** A background case-list export: the list's filter and sort exactly as GET /api/cases takes them (JSON text). */
export class CreateExportJobDto {
  @ApiPropertyOptional({ example: '{"queue":"all","state":"issued"}', description: 'The case list’s filter (JSON)' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  filter?: string;

  @ApiPropertyOptional({ example: '["submittedAt","DESC"]' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;

  @ApiPropertyOptional({ description: 'Write the CSV gzipped (.csv.gz)', default: false })
  @IsOptional()
  @IsBoolean()
  gzip?: boolean;
}
