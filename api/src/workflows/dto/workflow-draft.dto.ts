import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { WORKFLOW_KEY_PATTERN } from '@layanan/workflow';

export class LocalizedTextDto {
  @ApiProperty({ example: 'Surat Keterangan' }) @IsString() @MinLength(2) @MaxLength(120) id: string;
  @ApiProperty({ example: 'Certificate letter' }) @IsString() @MinLength(2) @MaxLength(120) en: string;
}

/** Start a draft: a copy of a published version (`fromId`), or a new workflow (`key` and `name`). */
export class CreateWorkflowDraftDto {
  @ApiPropertyOptional({ description: 'A published version to start from' }) @IsOptional() @IsUUID() fromId?: string;
  @ApiPropertyOptional({ example: 'surat-keterangan' })
  @IsOptional()
  @IsString()
  @Matches(WORKFLOW_KEY_PATTERN, { message: 'key must be 2-40 lowercase letters, digits or dashes' })
  key?: string;
  @ApiPropertyOptional({ type: LocalizedTextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  name?: LocalizedTextDto;
}

export class SaveWorkflowDraftDto {
  @ApiProperty({ description: 'The WorkflowDefinition being edited; may be incomplete' }) @IsObject() definition: Record<string, unknown>;
  @ApiProperty({ description: '{ positions: { [state]: { x, y } } }', type: 'object', additionalProperties: true })
  @IsObject()
  layout: Record<string, unknown>;
  @ApiProperty({ description: 'The revision the edit started from' }) @IsInt() @Min(1) revision: number;
}

export class PublishWorkflowDraftDto {
  @ApiProperty({ description: 'The revision the admin reviewed' }) @IsInt() @Min(1) revision: number;
}
