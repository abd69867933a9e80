import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigType } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { authConfig } from '../config';
import { JwtAuthGuard } from '../common/auth/jwt-auth.guard';
import { Clock } from '../common/clock';
import { SessionCache } from '../common/auth/session-cache';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      // A KeyObject, not a string: jsonwebtoken otherwise first tries to parse the secret as a
      // PEM public key on every verify and throws (~1.5 ms of CPU per request).
      useFactory: (auth: ConfigType<typeof authConfig>) => ({
        secret: createSecretKey(Buffer.from(auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: auth.accessTtl },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SessionCache, Clock, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [JwtModule, SessionCache, Clock],
})
export class AuthModule {}
