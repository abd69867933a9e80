import { Injectable } from '@nestjs/common';

/**
 * The time the permission checks read (acting appointments start and end on it). A provider so a
 * test can stand at an exact instant, e.g. 00:00 WIB of an appointment's first day.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
