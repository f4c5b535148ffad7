import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './accounts.service';
import { User } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', issuer: 'biotekbyen-match' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'biotekbyen-match' },
      }),
    }),
  ],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
