import { AppConfig } from '@app/config';
import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service';
import { Invitation } from './invitation.entity';
import { InvitationsService } from './invitations.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Invitation]),
    NotificationsModule,
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
  providers: [AccountsService, InvitationsService, UsersService],
  exports: [AccountsService, InvitationsService, UsersService],
})
export class AccountsModule {}
