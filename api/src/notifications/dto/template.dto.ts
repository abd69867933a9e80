import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

export class UpdateTemplateDto {
  @ApiPropertyOptional({ description: 'Email subject (Handlebars, the event placeholders only)' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string;

  @ApiPropertyOptional({ description: 'Email text, or the approved WhatsApp body with {{1}}..{{n}}' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  body?: string;

  @ApiPropertyOptional({ description: 'WhatsApp: the approved template name' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  waTemplate?: string;

  @ApiPropertyOptional({ description: 'WhatsApp: one Handlebars text per {{n}} of the body, in order', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  waParams?: string[];
}
