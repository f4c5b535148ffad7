import { AppConfig } from '@app/config';
import { NotificationsModule } from '@app/notifications';
import { AccessLogModule } from '@app/access-log';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service';
import { Invitation, User } from '@app/database';
import { InvitationsService } from './invitations.service';
import { PasswordResetsService } from './password-resets.service';
import { SessionRegistry } from './session-registry';
import { SignInBlocksService } from './sign-in-blocks.service';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Invitation]),
    NotificationsModule,
    AccessLogModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries to parse it as
        // a public key on every verification, which throws and costs more than the HMAC.
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)),
        signOptions: { algorithm: 'HS256', issuer: 'biotekbyen-match' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'biotekbyen-match' },
      }),
    }),
  ],
  providers: [
    AccountsService,
    InvitationsService,
    PasswordResetsService,
    SessionRegistry,
    SignInBlocksService,
    UsersService,
  ],
  exports: [
    AccountsService,
    InvitationsService,
    PasswordResetsService,
    SessionRegistry,
    SignInBlocksService,
    UsersService,
  ],
})
export class AccountsModule {}
