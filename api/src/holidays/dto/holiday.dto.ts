import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const KINDS = ['national', 'cuti_bersama', 'local'] as const;
type Kind = (typeof KINDS)[number];

export class CreateHolidayDto {
  @ApiProperty({ example: '2027-12-24' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  date: string;

  @ApiProperty({ example: 'Cuti Bersama Kelahiran Yesus Kristus' }) @IsString() @MinLength(3) @MaxLength(200) name: string;
  @ApiProperty({ enum: KINDS }) @IsIn(KINDS) kind: Kind;
  @ApiPropertyOptional({ description: 'The decree the holiday comes from' }) @IsOptional() @IsString() @MaxLength(300) source?: string;
}

/** A correction: the name (and kind, source); the date is the holiday's identity, delete and add to move one. */
export class UpdateHolidayDto {
  @ApiPropertyOptional({ example: 'Isra Mikraj Nabi Muhammad S.A.W.' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS) kind?: Kind;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) source?: string | null;
  // Read-only fields react-admin sends back on PUT.
  @IsOptional() id?: string;
  @IsOptional() date?: string;
}

export class HolidayView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() date: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String, description: 'The decree (SKB 3 Menteri) the holiday comes from' }) source: string | null;
}
