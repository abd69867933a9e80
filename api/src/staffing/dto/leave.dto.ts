import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEAVE_KINDS, type LeaveInput, type LeaveKind } from '@layanan/contracts';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateLeaveDto implements LeaveInput {
  @ApiPropertyOptional({ description: 'Whose leave; default the caller' }) @IsOptional() @IsUUID() userId?: string;
  @ApiProperty({ enum: LEAVE_KINDS, description: 'cuti, sakit, dinas_luar (official travel) or lainnya' })
  @IsIn(LEAVE_KINDS)
  kind: LeaveKind;
  @ApiProperty({ example: '2026-12-14', description: 'First day (WIB), inclusive' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  validFrom: string;
  @ApiProperty({ example: '2026-12-18', description: 'Last day (WIB), inclusive' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  validUntil: string;
  @ApiPropertyOptional({ example: 'Cuti tahunan' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}
