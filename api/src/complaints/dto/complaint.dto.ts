import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_ANSWER_MAX,
  COMPLAINT_MESSAGE_MAX,
  COMPLAINT_MESSAGE_MIN,
  COMPLAINT_STATES,
  type ComplaintAction,
  type ComplaintActionInput,
  type ComplaintAttachmentView,
  type ComplaintDetail,
  type ComplaintReport,
  type ComplaintReportRow,
  type ComplaintState,
  type ComplaintSummary,
  type NewComplaintInput,
  type PublicComplaintView,
} from '@layanan/contracts';
import { Type } from 'class-transformer';
import { Allow, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';

/** JSON or the text fields of multipart/form-data (with an optional `attachment` file). */
export class NewComplaintDto implements NewComplaintInput {
  @ApiPropertyOptional({ description: 'Tracking code of the case complained about (needs `factor`)', example: 'DKC-7F3K-92QX' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  trackingCode?: string;

  @ApiPropertyOptional({ description: 'Last 4 digits of the NIK or phone number of the case', example: '1234' })
  @IsOptional()
  @IsString()
  factor?: string;

  @ApiPropertyOptional({ description: 'The service complained about, when there is no case' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a service id' })
  serviceId?: string;

  @ApiPropertyOptional({ description: "Complainant's name; required without a tracking code" })
  @IsOptional()
  @IsString()
  @Length(2, 120)
  name?: string;

  @ApiPropertyOptional({ example: '081234567890' })
  @IsOptional()
  @IsString()
  @Matches(/^(\+62|62|0)8[1-9][0-9]{6,10}$/, { message: 'must be an Indonesian mobile number (08…)' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(200)
  email?: string;

  @ApiProperty({ description: `What went wrong, ${COMPLAINT_MESSAGE_MIN}–${COMPLAINT_MESSAGE_MAX} characters` })
  @IsString()
  @Length(COMPLAINT_MESSAGE_MIN, COMPLAINT_MESSAGE_MAX, {
    message: `must be ${COMPLAINT_MESSAGE_MIN} to ${COMPLAINT_MESSAGE_MAX} characters`,
  })
  message: string;

  @ApiPropertyOptional({
    description:
      'Consent to notifications on receipt and answer: channels (email, whatsapp), a list or comma-separated; each needs its contact',
    oneOf: [
      { type: 'array', items: { type: 'string', enum: ['email', 'whatsapp'] } },
      { type: 'string', example: 'email,whatsapp' },
    ],
  })
  @IsOptional()
  @Allow()
  notify?: string[] | string;

  @ApiPropertyOptional({ enum: ['id', 'en'], description: 'Language of the notifications (default id)' })
  @IsOptional()
  @IsIn(['id', 'en'], { message: 'must be id or en' })
  locale?: 'id' | 'en';
}

export const NEW_COMPLAINT_BODY = {
  schema: {
    type: 'object',
    required: ['message'],
    properties: {
      trackingCode: { type: 'string' },
      factor: { type: 'string' },
      serviceId: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      message: { type: 'string' },
      notify: { type: 'string', description: 'Consent to notifications: email, whatsapp or both, comma-separated' },
      locale: { type: 'string', enum: ['id', 'en'] },
      attachment: { type: 'string', format: 'binary', description: 'Optional PDF/JPEG/PNG/WebP (checked like application documents)' },
    },
  },
};

export class ComplaintActionDto implements ComplaintActionInput {
  @ApiProperty({ enum: COMPLAINT_ACTIONS }) @IsIn(COMPLAINT_ACTIONS) type: ComplaintAction;
  @ApiProperty({ description: 'The complaint version the officer saw' }) @Type(() => Number) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: 'ANSWER: the answer the citizen reads' })
  @IsOptional()
  @IsString()
  @MaxLength(COMPLAINT_ANSWER_MAX)
  answer?: string;
}

export class PublicComplaintViewDto implements PublicComplaintView {
  @ApiProperty() trackingCode: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) state: ComplaintState;
  @ApiProperty() opdName: string;
  @ApiProperty({ nullable: true, type: String }) serviceName: string | null;
  @ApiProperty({ nullable: true, type: String }) caseTrackingCode: string | null;
  @ApiProperty() message: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
}

export class ComplaintSummaryView implements ComplaintSummary {
  @ApiProperty() id: string;
  @ApiProperty() trackingCode: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) state: ComplaintState;
  @ApiProperty() opdId: string;
  @ApiProperty() opdName: string;
  @ApiProperty({ nullable: true, type: String }) serviceId: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceName: string | null;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) caseTrackingCode: string | null;
  @ApiProperty() complainantName: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty() overdue: boolean;
}

export class ComplaintAttachmentDto implements ComplaintAttachmentView {
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
}

export class ComplaintDetailView extends ComplaintSummaryView implements ComplaintDetail {
  @ApiProperty({ nullable: true, type: String }) complainantPhone: string | null;
  @ApiProperty({ nullable: true, type: String }) complainantEmail: string | null;
  @ApiProperty() message: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredByName: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: ComplaintAttachmentDto }) attachment: ComplaintAttachmentView | null;
  @ApiProperty({ nullable: true, type: String }) laporTrackingId: string | null;
  @ApiProperty({ nullable: true, type: String }) laporStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) laporSyncedAt: string | null;
  @ApiProperty({ enum: COMPLAINT_ACTIONS, isArray: true }) availableActions: ComplaintAction[];
  @ApiProperty() canForward: boolean;
  @ApiProperty() version: number;
}

export class ComplaintReportRowView implements ComplaintReportRow {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty() opdId: string;
  @ApiProperty() opdName: string;
  @ApiProperty({ nullable: true, type: String }) serviceId: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceName: string | null;
  @ApiProperty() received: number;
  @ApiProperty() answered: number;
  @ApiProperty() answeredOnTime: number;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ nullable: true, type: Number }) meanResponseHours: number | null;
  @ApiProperty({ nullable: true, type: Number }) medianResponseHours: number | null;
}

export class ComplaintReportView implements ComplaintReport {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: ComplaintReportRowView, isArray: true }) rows: ComplaintReportRow[];
}
