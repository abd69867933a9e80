import { Module } from '@nestjs/common';
import { CaseRepository } from './case.repository';

/**
 * The case repository on its own, for features that need case rows but not the cases services:
 * issuance (which the cases module itself imports) and notifications.
 */
@Module({ providers: [CaseRepository], exports: [CaseRepository] })
export class CaseRepositoryModule {}
