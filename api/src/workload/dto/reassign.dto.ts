import { ApiProperty } from '@nestjs/swagger';
import type { ReassignInput, ReassignItemInput } from '@layanan/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';

/** One case as the preview proposed it: its version then and the new assignee. */
export class ReassignItemDto implements ReassignItemInput {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty() @IsUUID() assigneeId: string;
}

export class ReassignDto implements ReassignInput {
  @ApiProperty({ type: [ReassignItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReassignItemDto)
  items: ReassignItemDto[];
  @ApiProperty({ example: 'Petugas cuti tahunan' }) @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}
