import { Module } from '@nestjs/common';
import { OpdsController } from './opds.controller';
import { OpdsService } from './opds.service';

@Module({ controllers: [OpdsController], providers: [OpdsService], exports: [OpdsService] })
export class OpdsModule {}
