import { ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, OrganisationKind } from '@app/database';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../http/page-query.dto';

export class OrganisationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}
