import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_BANDS,
  EDUCATIONS,
  OCCUPATIONS,
  SEXES,
  SKM_ELEMENTS,
  SUGGESTION_MAX_LENGTH,
  type RespondentProfile,
  type SkmElement,
  type SurveyInput,
  type SurveyReceipt,
  type SurveyStatus,
} from '@layanan/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class RespondentProfileDto implements RespondentProfile {
  @ApiPropertyOptional({ enum: AGE_BANDS }) @IsOptional() @IsIn(AGE_BANDS) ageBand?: RespondentProfile['ageBand'];
  @ApiPropertyOptional({ enum: SEXES }) @IsOptional() @IsIn(SEXES) sex?: RespondentProfile['sex'];
  @ApiPropertyOptional({ enum: EDUCATIONS }) @IsOptional() @IsIn(EDUCATIONS) education?: RespondentProfile['education'];
  @ApiPropertyOptional({ enum: OCCUPATIONS }) @IsOptional() @IsIn(OCCUPATIONS) occupation?: RespondentProfile['occupation'];
}

const SCORES_EXAMPLE = Object.fromEntries(SKM_ELEMENTS.map((e) => [e, 4]));

export class SurveyDto implements SurveyInput {
  @ApiProperty({ description: 'Last 4 digits of the NIK or of the phone number', example: '1234' })
  @IsString()
  @Matches(/^\d{4}$/, { message: 'must be the last 4 digits of the NIK or phone number' })
  factor: string;

  @ApiProperty({
    description: `The nine elements of PermenPAN-RB 14/2017 (${SKM_ELEMENTS.join(', ')}), each 1 (tidak baik) to 4 (sangat baik)`,
    example: SCORES_EXAMPLE,
  })
  @IsObject()
  scores: Record<SkmElement, number>;

  @ApiPropertyOptional({ description: 'Saran dan masukan' })
  @IsOptional()
  @IsString()
  @MaxLength(SUGGESTION_MAX_LENGTH)
  suggestion?: string;

  @ApiPropertyOptional({ type: RespondentProfileDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RespondentProfileDto)
  profile?: RespondentProfileDto;
}

export class SurveyReceiptView implements SurveyReceipt {
  @ApiProperty({ example: '2026-12-01' }) submittedOn: string;
  @ApiProperty({ example: SCORES_EXAMPLE }) scores: Record<SkmElement, number>;
  @ApiProperty({ nullable: true, type: String }) suggestion: string | null;
  @ApiProperty({ description: 'false when the case already had a response: the first one stands' }) created: boolean;
}

export class SurveyStateView {
  @ApiProperty({ enum: ['not_yet', 'open', 'submitted'] }) status: SurveyStatus;
  @ApiProperty() trackingCode: string;
  @ApiProperty() serviceName: string;
  @ApiPropertyOptional({ type: SurveyReceiptView, nullable: true }) response: SurveyReceiptView | null;
}
