import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { piiConfig } from '../config/pii.config';
import { PiiCipher } from './pii-cipher';

/** The PII cipher and blind index for every feature (global: cases, notifications, registries). */
@Global()
@Module({
  providers: [{ provide: PiiCipher, inject: [piiConfig.KEY], useFactory: (c: ConfigType<typeof piiConfig>) => new PiiCipher(c) }],
  exports: [PiiCipher],
})
export class PrivacyModule {}
