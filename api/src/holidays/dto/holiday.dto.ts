import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateHolidayDto {
  @ApiProperty({ example: '2027-12-24' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  date: string;

  @ApiProperty({ example: 'Cuti bersama Hari Raya Natal' }) @IsString() @MinLength(3) @MaxLength(200) name: string;
  @ApiProperty({ enum: ['national', 'cuti_bersama', 'local'] }) @IsIn(['national', 'cuti_bersama', 'local']) kind:
    'national' | 'cuti_bersama' | 'local';
}

export class HolidayView {
  @ApiProperty({ description: 'Same as date' }) id: string;
  @ApiProperty() date: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['national', 'cuti_bersama', 'local'] }) kind: string;
}
