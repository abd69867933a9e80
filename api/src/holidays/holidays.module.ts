import { Global, Module } from '@nestjs/common';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';
import { WorkingCalendarService } from './working-calendar.service';

@Global()
@Module({ controllers: [HolidaysController], providers: [HolidaysService, WorkingCalendarService], exports: [WorkingCalendarService] })
export class HolidaysModule {}
