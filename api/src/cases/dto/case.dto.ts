import {
  ERROR_CODES,
  QUEUES,
  type ActionRequirement,
  type ActorRole,
  type AvailableAction,
  type AddressInput,
  type Channel,
  type SlaStatus,
  type ApplicantInput,
  type AuditResult,
  type BulkAssignInput,
  type BulkEventInput,
  type BulkResult,
  type CaseDetail,
  type CaseDocumentView as CaseDocument,
  type CaseEventInput,
  type CaseEventView as CaseEvent,
  type EventDocumentView as EventDocument,
  type CaseSummary,
  type ErrorCode,
  type NewCaseInput,
  type NotificationChoice,
  type NotificationChannel,
  type NotificationLocale,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_LOCALES,
  type Queue,
  type QueueCount,
  type QueueCounts,
} from '@layanan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
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

export class AddressDto implements AddressInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) street?: string;
  @ApiPropertyOptional({ example: 'Tunggulwulung' }) @IsOptional() @IsString() @MaxLength(100) kelurahan?: string;
  @ApiPropertyOptional({ example: 'Lowokwaru' }) @IsOptional() @IsString() @MaxLength(100) kecamatan?: string;
  @ApiPropertyOptional({ example: '35.73.05.1001', description: 'Kemendagri village code' })
  @IsOptional()
  @Matches(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'must be a Kemendagri village code like 35.73.05.1001' })
  kelurahanCode?: string;
}

export class ApplicantDto implements ApplicantInput {
  @ApiProperty({ example: '3573054107900001', description: '16-digit NIK' }) @IsString() nik: string;
  @ApiProperty({ example: 'Sari Wulandari' }) @IsString() @MinLength(2) @MaxLength(120) name: string;
  @ApiProperty({ example: '081234567890' }) @IsString() @MaxLength(20) phone: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

/** The channels the applicant agreed to be told on (shared by intake and the consent route). */
export class NotificationChoiceDto implements NotificationChoice {
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, isArray: true, description: 'Channels the applicant agreed to; [] = no messages' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(2)
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  channels: NotificationChannel[];

  @ApiPropertyOptional({ enum: NOTIFICATION_LOCALES, default: 'id' })
  @IsOptional()
  @IsIn(NOTIFICATION_LOCALES)
  locale?: NotificationLocale;
}

/** Counter intake: the JSON body, or the multipart field `data` beside one `doc_<requirementKey>` file per document. */
export class CreateCaseDto implements NewCaseInput {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) @IsObject() applicant: ApplicantDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() formData?: Record<string, unknown>;
  @ApiPropertyOptional({ type: NotificationChoiceDto, description: 'The applicant agreed at the counter to be told on these channels' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationChoiceDto)
  @IsObject()
  notifications?: NotificationChoiceDto;
}

export const COUNTER_CASE_BODY = {
  description:
    'application/json: CreateCaseDto (services without required documents); multipart/form-data: `data` = the same JSON, plus one file per document named doc_<requirementKey> (every unconditional mandatory one is required)',
  schema: {
    type: 'object',
    properties: {
      data: { type: 'string', description: 'JSON of CreateCaseDto' },
      doc_ktp: { type: 'string', format: 'binary', description: 'One part per document requirement, named doc_<requirementKey>' },
    },
    additionalProperties: { type: 'string', format: 'binary' },
  },
};

export class CaseEventDto implements CaseEventInput {
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

export class BulkAssignDto implements BulkAssignInput {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID('all', { each: true }) caseIds: string[];
  @ApiProperty() @IsUUID() assigneeId: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

/** One case of a bulk workflow event, at the version the caller saw. */
export class BulkEventItemDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class BulkEventsDto implements BulkEventInput {
  @ApiProperty({ example: 'APPROVE', description: 'A workflow event (not an operational action such as ASSIGN)' })
  @IsString()
  @Matches(/^[A-Z_]{2,40}$/, { message: 'must be an event name like APPROVE' })
  type: string;
  @ApiProperty({ type: [BulkEventItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BulkEventItemDto)
  items: BulkEventItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;
}

export class BulkResultView implements BulkResult {
  @ApiProperty() id: string;
  @ApiProperty() ok: boolean;
  @ApiProperty() statusCode: number;
  @ApiProperty({ nullable: true, type: String, enum: ERROR_CODES, description: 'The domain code when not ok' }) code: ErrorCode | null;
  @ApiProperty() message: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The version after the action (ok), or now (409)' }) version: number | null;
}

export class AvailableActionView implements AvailableAction {
  @ApiProperty() type: string;
  @ApiProperty({ type: [String], enum: ['reason', 'comment', 'assigneeId', 'opdId', 'note'] }) requires: ActionRequirement[];
}

export class CaseSummaryView implements CaseSummary {
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
  @ApiProperty({ enum: ['counter', 'online'] }) channel: Channel;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty({ enum: ['on_time', 'due_soon', 'overdue', 'paused', 'done'] }) slaStatus: SlaStatus;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String, description: "The earliest deadline of the case's open consults" }) consultDueAt:
    string | null;
  @ApiProperty({ description: 'An open consult (pertimbangan teknis) is past its deadline' }) consultOverdue: boolean;
}

export class CaseDocumentView implements CaseDocument {
  @ApiProperty() id: string;
  @ApiProperty() requirementKey: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ enum: ['pending', 'valid', 'invalid'] }) status: 'pending' | 'valid' | 'invalid';
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() uploadedAt: string;
}

export class CaseDetailView extends CaseSummaryView implements CaseDetail {
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

export class EventDocumentDto implements EventDocument {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() requirementKey: string;
  @ApiProperty({ example: 'Kartu Keluarga' }) label: string;
  @ApiProperty({ nullable: true, type: String }) fileName: string | null;
  @ApiProperty({ enum: ['valid', 'invalid'], nullable: true, type: String, description: 'CHECK_DOCUMENT: Sesuai / Tidak Sesuai' })
  verdict: 'valid' | 'invalid' | null;
}

export class CaseEventView implements CaseEvent {
  @ApiProperty() id: string;
  @ApiProperty() seq: number;
  @ApiProperty() type: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty({ nullable: true, type: String }) toState: string | null;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName: string | null;
  @ApiProperty() actorRole: ActorRole;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() public: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({
    type: () => EventDocumentDto,
    nullable: true,
    description: 'UPLOAD_DOCUMENT / CHECK_DOCUMENT: which document, the verdict',
  })
  document: EventDocumentDto | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() hash: string;
  @ApiProperty({ nullable: true, type: String }) prevHash: string | null;
}

export class AuditView implements AuditResult {
  @ApiProperty() valid: boolean;
  @ApiProperty() events: number;
  @ApiPropertyOptional() brokenAt?: number;
}

export class QueueCountView implements QueueCount {
  @ApiProperty({ enum: QUEUES }) queue: Queue;
  @ApiProperty({ description: 'Exact unless capped' }) count: number;
  @ApiProperty({ description: 'true: there are at least `count` cases' }) capped: boolean;
}

export class QueueCountsView implements QueueCounts {
  @ApiProperty({ type: [QueueCountView], description: 'The queues this user works, in display order' }) queues: QueueCountView[];
  @ApiProperty({ enum: QUEUES, description: 'Where the console lands' }) defaultQueue: Queue;
}
