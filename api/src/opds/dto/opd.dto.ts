import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const KINDS = ['dinas', 'badan', 'kecamatan', 'kelurahan', 'vertikal', 'bagian'];

export class CreateOpdDto {
  @ApiProperty({ example: 'dishub' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'must be 2-40 lowercase letters, digits or dashes' })
  code: string;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(200) name: string;
  @ApiProperty() @IsString() @MinLength(2) @MaxLength(60) shortName: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
}

export class UpdateOpdDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(3) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(60) shortName?: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  // Read-only fields react-admin sends back on PUT.
  @IsOptional() id?: string;
  @IsOptional() code?: string;
  @IsOptional() createdAt?: string;
  @IsOptional() updatedAt?: string;
}

export class OpdView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty() active: boolean;
}
