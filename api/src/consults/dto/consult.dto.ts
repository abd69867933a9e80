import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSULT_ANSWER_MAX,
  CONSULT_MAX_WORKING_DAYS,
  CONSULT_QUESTION_MAX,
  CONSULT_ROLES,
  CONSULT_STATUSES,
  type ConsultAnswerInput,
  type ConsultFileView,
  type ConsultReportRow,
  type ConsultRole,
  type ConsultStatus,
  type ConsultView,
  type ConsultWithdrawInput,
  type NewConsultInput,
} from '@layanan/contracts';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

/** JSON or the text fields of multipart/form-data (with up to five `files`). */
export class NewConsultDto implements NewConsultInput {
  @ApiProperty({ description: 'The OPD asked for its opinion (not the case’s own OPD)' })
  @IsUUID('all', { message: 'must be an OPD id' })
  consultedOpdId: string;

  @ApiPropertyOptional({ enum: CONSULT_ROLES, description: 'The role there the request is addressed to (its kasi and head answer any)' })
  @IsOptional()
  @IsIn(CONSULT_ROLES, { message: `must be one of ${CONSULT_ROLES.join(', ')}` })
  consultedRole?: ConsultRole;

  @ApiProperty({ description: `The question, 1–${CONSULT_QUESTION_MAX} characters` })
  @IsString()
  @Length(1, CONSULT_QUESTION_MAX, { message: `must be 1 to ${CONSULT_QUESTION_MAX} characters` })
  question: string;

  @ApiPropertyOptional({ description: `Working days to answer, 1–${CONSULT_MAX_WORKING_DAYS} (default 3)`, example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number of working days' })
  @Min(1, { message: 'must be at least 1 working day' })
  @Max(CONSULT_MAX_WORKING_DAYS, { message: `must be at most ${CONSULT_MAX_WORKING_DAYS} working days` })
  workingDays?: number;

  @ApiPropertyOptional({
    description: 'Current documents of the case the consulted OPD may open while the consult is open: a list, or comma-separated',
    oneOf: [{ type: 'array', items: { type: 'string', format: 'uuid' } }, { type: 'string' }],
  })
  @IsOptional()
  @Allow()
  sharedDocumentIds?: string[] | string;
}

export const NEW_CONSULT_BODY = {
  schema: {
    type: 'object',
    required: ['consultedOpdId', 'question'],
    properties: {
      consultedOpdId: { type: 'string', format: 'uuid' },
      consultedRole: { type: 'string', enum: [...CONSULT_ROLES] },
      question: { type: 'string' },
      workingDays: { type: 'integer', minimum: 1, maximum: CONSULT_MAX_WORKING_DAYS },
      sharedDocumentIds: { type: 'string', description: 'Case document ids, comma-separated' },
      files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'Up to 5 PDF/JPEG/PNG/WebP files' },
    },
  },
};

export class ConsultAnswerDto implements ConsultAnswerInput {
  @ApiProperty({ description: `The opinion, 1–${CONSULT_ANSWER_MAX} characters` })
  @IsString()
  @Length(1, CONSULT_ANSWER_MAX, { message: `must be 1 to ${CONSULT_ANSWER_MAX} characters` })
  answer: string;
}

export const CONSULT_ANSWER_BODY = {
  schema: {
    type: 'object',
    required: ['answer'],
    properties: {
      answer: { type: 'string' },
      files: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'Up to 5 PDF/JPEG/PNG/WebP files' },
    },
  },
};

export class ConsultWithdrawDto implements ConsultWithdrawInput {
  @ApiProperty({ description: 'Why the lead OPD no longer needs the opinion' })
  @IsString()
  @Length(1, 1000, { message: 'must be 1 to 1000 characters' })
  reason: string;
}

export class ConsultFileViewDto implements ConsultFileView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['question', 'answer'] }) side: 'question' | 'answer';
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
}

export class ConsultViewDto implements ConsultView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() trackingCode: string;
  @ApiProperty() requesterOpdId: string;
  @ApiProperty() requesterOpdName: string;
  @ApiProperty() consultedOpdId: string;
  @ApiProperty() consultedOpdName: string;
  @ApiProperty({ enum: CONSULT_ROLES, nullable: true }) consultedRole: ConsultRole | null;
  @ApiProperty() question: string;
  @ApiProperty({ enum: CONSULT_STATUSES }) status: ConsultStatus;
  @ApiProperty() overdue: boolean;
  @ApiProperty() workingDays: number;
  @ApiProperty() dueAt: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() requestedById: string;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredByName: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) answeredOnTime: boolean | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawReason: string | null;
  @ApiProperty({ type: String, isArray: true }) sharedDocumentIds: string[];
  @ApiProperty({ type: ConsultFileViewDto, isArray: true }) files: ConsultFileView[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Reminded on the deadline day (follow-up job)' })
  remindedAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: "Escalated to the consulted OPD's head, one working day late",
  })
  escalatedAt: string | null;
  @ApiProperty() canAnswer: boolean;
  @ApiProperty() canWithdraw: boolean;
}

export class ConsultReportRowDto implements ConsultReportRow {
  @ApiProperty() opdId: string;
  @ApiProperty() opdName: string;
  @ApiProperty() incomingOpen: number;
  @ApiProperty() incomingOverdue: number;
  @ApiProperty() incomingAnswered: number;
  @ApiProperty() incomingAnsweredOnTime: number;
  @ApiProperty() outgoingOpen: number;
  @ApiProperty() outgoingOverdue: number;
}
