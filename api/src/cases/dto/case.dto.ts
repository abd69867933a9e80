import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class AddressDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) street?: string;
  @ApiPropertyOptional({ example: 'Tunggulwulung' }) @IsOptional() @IsString() @MaxLength(100) kelurahan?: string;
  @ApiPropertyOptional({ example: 'Lowokwaru' }) @IsOptional() @IsString() @MaxLength(100) kecamatan?: string;
  @ApiPropertyOptional({ example: '35.73.05.1001', description: 'Kemendagri village code' })
  @IsOptional()
  @Matches(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'must be a Kemendagri village code like 35.73.05.1001' })
  kelurahanCode?: string;
}

export class ApplicantDto {
  @ApiProperty({ example: '3573054107900001', description: '16-digit NIK' }) @IsString() nik: string;
  @ApiProperty({ example: 'Sari Wulandari' }) @IsString() @MinLength(2) @MaxLength(120) name: string;
  @ApiProperty({ example: '081234567890' }) @IsString() @MaxLength(20) phone: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

export class CreateCaseDto {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) @IsObject() applicant: ApplicantDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() formData?: Record<string, unknown>;
}

export class CaseEventDto {
  @ApiProperty({ example: 'VERIFY' }) @IsString() @Matches(/^[A-Z_]{2,40}$/, { message: 'must be an event name like VERIFY' }) type: string;
  @ApiProperty({ description: 'The case version the caller saw (optimistic locking)' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() opdId?: string;
  @ApiPropertyOptional({
    description:
      "Events that sign the case's document personally: the signer's BSrE passphrase (or login password with the local signer). Never stored or logged.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  passphrase?: string;
  @ApiPropertyOptional({ description: 'COMMENT only: true = message to the applicant (public)' })
  @IsOptional()
  @IsBoolean()
  public?: boolean;
}

export class BulkAssignDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true }) caseIds: string[];
  @ApiProperty() @IsUUID() assigneeId: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class BulkResultView {
  @ApiProperty() id: string;
  @ApiProperty() ok: boolean;
  @ApiProperty() statusCode: number;
  @ApiProperty() message: string;
}

export class AvailableActionView {
  @ApiProperty() type: string;
  @ApiProperty({ type: [String] }) requires: string[];
}

export class CaseSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() trackingCode: string;
  @ApiProperty() serviceId: string;
  @ApiProperty() serviceName: string;
  @ApiProperty() serviceVersion: number;
  @ApiProperty() opdId: string;
  @ApiProperty() state: string;
  @ApiProperty() stateLabel: string;
  @ApiProperty({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName: string | null;
  @ApiProperty() applicantName: string;
  @ApiProperty({ description: 'Masked unless the caller may read personal data' }) applicantNik: string;
  @ApiProperty({ enum: ['counter', 'online'] }) channel: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ enum: ['on_time', 'due_soon', 'overdue', 'paused', 'done'] }) slaStatus: string;
  @ApiProperty() version: number;
}

export class CaseDocumentView {
  @ApiProperty() id: string;
  @ApiProperty() requirementKey: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: ['pending', 'valid', 'invalid'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() uploadedAt: string;
}

export class CaseDetailView extends CaseSummaryView {
  @ApiProperty({ nullable: true, type: String }) applicantPhone: string | null;
  @ApiProperty({ nullable: true, type: String }) applicantEmail: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: { type: 'string' } }) applicantAddress: Record<
    string,
    string
  > | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) formData: Record<string, unknown>;
  @ApiProperty({ type: [CaseDocumentView] }) documents: CaseDocumentView[];
  @ApiProperty({ type: [AvailableActionView] }) availableActions: AvailableActionView[];
  @ApiProperty() workflowKey: string;
  @ApiProperty() workflowVersion: number;
  @ApiProperty({ nullable: true, type: String }) verifiedById: string | null;
  @ApiProperty({ nullable: true, type: String }) pausedAt: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) requirements: {
    key: string;
    label: string;
    kind: 'document' | 'field';
    mandatory: boolean;
  }[];
}

export class CaseEventView {
  @ApiProperty() id: string;
  @ApiProperty() seq: number;
  @ApiProperty() type: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty({ nullable: true, type: String }) toState: string | null;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() actorRole: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() public: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty() hash: string;
  @ApiProperty({ nullable: true, type: String }) prevHash: string | null;
}

export class AuditView {
  @ApiProperty() valid: boolean;
  @ApiProperty() events: number;
  @ApiPropertyOptional() brokenAt?: number;
}

export class QueueCountsView {
  @ApiProperty() mine: number;
  @ApiProperty() unassigned: number;
  @ApiProperty() opd: number;
  @ApiProperty() overdue: number;
  @ApiProperty() dueSoon: number;
}
