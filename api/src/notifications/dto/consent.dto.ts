import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { NOTIFICATION_CHANNELS, NOTIFICATION_LOCALES, type NotificationChannel, type NotificationLocale } from '@layanan/contracts';

export class NotificationConsentDto {
  @ApiProperty({ enum: NOTIFICATION_CHANNELS, isArray: true, description: 'Channels the applicant agreed to; [] = no messages' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(2)
  @IsIn(NOTIFICATION_CHANNELS, { each: true })
  channels: NotificationChannel[];

  @ApiPropertyOptional({ enum: NOTIFICATION_LOCALES, default: 'id' })
  @IsOptional()
  @IsIn(NOTIFICATION_LOCALES)
  locale?: NotificationLocale;
}
