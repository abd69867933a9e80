import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { API_KEY_SCOPES, WEBHOOK_EVENT_TYPES, type ApiKeyScope, type WebhookEventType } from '@layanan/contracts';

export class CreateSubscriberDto {
  @ApiProperty({ example: 'SIMPEG Kota Malang' }) @IsString() @MinLength(2) @MaxLength(120) name: string;

  @ApiPropertyOptional({ example: 'https://simpeg.malangkota.go.id/hooks/layanan', description: 'Where webhooks go; none = API keys only' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes: WebhookEventType[];

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'OPDs whose cases it hears of; null = every OPD' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  opdIds?: string[] | null;

  @ApiPropertyOptional({
    type: String,
    example: 'tim-it@simpeg.malangkota.go.id',
    nullable: true,
    description: "The partner's technical contact: e-mailed when its webhook deliveries are suspended and when they resume",
  })
  @IsOptional()
  @MaxLength(254)
  @IsEmail()
  contactEmail?: string | null;
}

export class UpdateSubscriberDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) url?: string | null;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[];

  @ApiPropertyOptional({ type: [String], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID('all', { each: true })
  opdIds?: string[] | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes the contact' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail()
  contactEmail?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ReplayDto {
  @ApiProperty({ example: '2026-12-01T00:00:00+07:00' }) @IsDateString() from: string;
  @ApiProperty({ example: '2026-12-02T00:00:00+07:00' }) @IsDateString() to: string;
}

export class CreateApiKeyDto {
  @ApiProperty() @IsUUID() subscriberId: string;
  @ApiProperty({ example: 'simpeg-produksi' }) @IsString() @MinLength(2) @MaxLength(80) name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes: ApiKeyScope[];

  @ApiProperty({ description: 'The OPD whose cases the key may read or create' }) @IsUUID() opdId: string;
}
