import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { CaseRepositoryModule } from '../cases/case-repository.module';
import { appConfig, issuanceConfig } from '../config';
import { FilesModule } from '../files/files.module';
import { ServicesModule } from '../services/services.module';
import { IssuanceService } from './issuance.service';
import { LetterNumbers } from './letter-numbers';
import { BsreSigner } from './signing/bsre-signer';
import { LocalSigner } from './signing/local-signer';
import { loadSealKey, type SealKey } from './signing/pades';
import { PERSONAL_SIGNER, SEAL_SIGNER } from './signing/signer.port';
import { LetterThreads } from './workers/letter-threads';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

const SEAL_KEY = Symbol('SEAL_KEY');

/**
 * Making documents: templates, letterheads, signatories, numbering, rendering, signing and
 * storage. No dependency on cases: CaseEventsService calls IssuanceService inside a transition's
 * transaction (see IssuedDocumentsModule for what acts on documents after issue).
 */
@Module({
  imports: [CaseRepositoryModule, ServicesModule, FilesModule],
  controllers: [TemplatesController],
  providers: [
    IssuanceService,
    LetterNumbers,
    TemplatesService,
    {
      provide: SEAL_KEY,
      inject: [appConfig.KEY, issuanceConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>, iss: ConfigType<typeof issuanceConfig>) =>
        loadSealKey({ keyFile: iss.keyFile, certFile: iss.certFile, dataDir: app.dataDir, commonName: iss.certName }),
    },
    {
      provide: LetterThreads,
      inject: [issuanceConfig.KEY, SEAL_KEY],
      useFactory: (iss: ConfigType<typeof issuanceConfig>, key: SealKey) => new LetterThreads(iss.letterThreads, key),
    },
    {
      provide: SEAL_SIGNER,
      inject: [LetterThreads, DataSource],
      useFactory: (threads: LetterThreads, db: DataSource) => new LocalSigner(threads, db),
    },
    {
      provide: PERSONAL_SIGNER,
      inject: [issuanceConfig.KEY, LetterThreads, DataSource],
      useFactory: (iss: ConfigType<typeof issuanceConfig>, threads: LetterThreads, db: DataSource) =>
        iss.signer === 'bsre' && iss.bsre ? new BsreSigner(iss.bsre) : new LocalSigner(threads, db),
    },
  ],
  exports: [IssuanceService],
})
export class IssuanceModule {}
