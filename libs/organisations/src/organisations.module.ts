import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation } from './organisation.entity';
import { OrganisationsService } from './organisations.service';
import { Programme } from './programme.entity';
import { ProgrammesService } from './programmes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Programme])],
  providers: [OrganisationsService, ProgrammesService],
  exports: [OrganisationsService, ProgrammesService],
})
export class OrganisationsModule {}
