import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPOINTABLE_ROLES,
  APPOINTMENT_KINDS,
  type AppointableRole,
  type AppointmentInput,
  type AppointmentKind,
} from '@layanan/contracts';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateAppointmentDto implements AppointmentInput {
  @ApiProperty({ description: 'The delegate (the user who will act)' }) @IsUUID() userId: string;
  @ApiProperty({ description: 'The OPD whose position is held' }) @IsUUID() opdId: string;
  @ApiProperty({ enum: APPOINTABLE_ROLES }) @IsIn(APPOINTABLE_ROLES) role: AppointableRole;
  @ApiProperty({ enum: APPOINTMENT_KINDS, description: 'plh: temporary absence; plt: vacancy' })
  @IsIn(APPOINTMENT_KINDS)
  kind: AppointmentKind;
  @ApiPropertyOptional({ example: 'Kepala Dinas Kependudukan dan Pencatatan Sipil' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  positionTitle?: string;
  @ApiPropertyOptional({ example: '800.1.11.1/123/35.73.309/2026', description: 'Surat Perintah number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  legalBasis?: string;
  @ApiProperty({ example: '2026-12-01', description: 'First day (WIB), inclusive' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  validFrom: string;
  @ApiProperty({ example: '2026-12-05', description: 'Last day (WIB), inclusive' })
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  validUntil: string;
}

export class RevokeAppointmentDto {
  @ApiProperty({ example: 'Kepala Dinas kembali bertugas' }) @IsString() @MinLength(3) @MaxLength(500) reason: string;
}
