import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation, Programme } from '@app/database';
import { OrganisationsService } from './organisations.service';
import { ProgrammesService } from './programmes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Programme])],
  providers: [OrganisationsService, ProgrammesService],
  exports: [OrganisationsService, ProgrammesService],
})
export class OrganisationsModule {}
