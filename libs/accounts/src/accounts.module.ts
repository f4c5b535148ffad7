import { AppConfig } from '@app/config';
import { NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
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
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', issuer: 'biotekbyen-match' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'biotekbyen-match' },
      }),
    }),
  ],
  providers: [AccountsService, InvitationsService, UsersService],
  exports: [AccountsService, InvitationsService, UsersService],
})
export class AccountsModule {}
