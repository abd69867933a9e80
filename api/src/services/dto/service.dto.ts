import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const AUTO_ASSIGN = 'new cases are assigned round-robin among the present, active users who can take the first step';

export class RequirementDto {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be 1-40 lowercase letters, digits or dashes' }) key: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) label: string;
  @ApiProperty({ enum: ['document', 'field'] }) @IsIn(['document', 'field']) kind: 'document' | 'field';
  @ApiProperty() @IsBoolean() mandatory: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) condition?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class FormFieldDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, { message: 'must be an identifier of 1-40 letters/digits' })
  key: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(200) label: string;
  @ApiProperty({ enum: ['text', 'date', 'number', 'select'] }) @IsIn(['text', 'date', 'number', 'select']) type:
    'text' | 'date' | 'number' | 'select';
  @ApiProperty() @IsBoolean() required: boolean;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) options?: string[];
}

export class ServiceStandardDto {
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ type: [RequirementDto] })
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => RequirementDto)
  requirements: RequirementDto[];
  @ApiPropertyOptional({ type: [FormFieldDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  formFields?: FormFieldDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) procedure?: string;
  @ApiProperty() @IsInt() @Min(1) @Max(365) slaAmount: number;
  @ApiProperty({ enum: ['days', 'hours'] }) @IsIn(['days', 'hours']) slaUnit: 'days' | 'hours';
  @ApiProperty() @IsInt() @Min(0) feeAmount: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) feeNote?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) product?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) complaintChannel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) legalBasis?: string;
  @ApiProperty({ example: 'standard' }) @IsString() @MaxLength(60) workflowKey: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) workflowVersion: number;
}

export class CreateServiceDto extends ServiceStandardDto {
  @ApiProperty({ example: 'rekomendasi-paspor-haji' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'must be 2-60 lowercase letters, digits or dashes' })
  code: string;
  @ApiProperty() @IsUUID() opdId: string;
  @ApiPropertyOptional({ description: AUTO_ASSIGN }) @IsOptional() @IsBoolean() autoAssign?: boolean;
}

/** PUT makes a new version; running cases keep theirs. */
export class UpdateServiceDto extends ServiceStandardDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: AUTO_ASSIGN }) @IsOptional() @IsBoolean() autoAssign?: boolean;
  @IsOptional() id?: string;
  @IsOptional() code?: string;
  @IsOptional() opdId?: string;
  @IsOptional() version?: number;
  @IsOptional() opdName?: string;
  @IsOptional() createdAt?: string;
}

/** PATCH: switches a service on or off without a new version. */
export class ServiceActiveDto {
  @ApiProperty({ description: 'false: leaves the public catalog and takes no new applications; running cases continue' })
  @IsBoolean()
  active: boolean;
}

export class ServiceView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() opdId: string;
  @ApiProperty() opdName: string;
  @ApiProperty() version: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: AUTO_ASSIGN }) autoAssign: boolean;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [RequirementDto] }) requirements: RequirementDto[];
  @ApiProperty({ type: [FormFieldDto] }) formFields: FormFieldDto[];
  @ApiProperty() procedure: string;
  @ApiProperty() slaAmount: number;
  @ApiProperty({ enum: ['days', 'hours'] }) slaUnit: 'days' | 'hours';
  @ApiProperty() feeAmount: number;
  @ApiProperty({ nullable: true, type: String }) feeNote: string | null;
  @ApiProperty() product: string;
  @ApiProperty() complaintChannel: string;
  @ApiProperty() legalBasis: string;
  @ApiProperty() workflowKey: string;
  @ApiProperty() workflowVersion: number;
}
