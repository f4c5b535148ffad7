import { ApiProperty } from '@nestjs/swagger';
import { ORGANISATION_KINDS, OrganisationKind } from '@app/database';
import { PageOf } from '../http/page-response';
import type { OrganisationView } from './organisations.controller';

/** A user's organisation, named with its kind: a school, an employer, a public body. */
export class OrganisationRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  kind!: OrganisationKind;
}

/** A school, employer, public body or network, as the organisation lists show it. */
export class OrganisationResponse extends OrganisationRef implements OrganisationView {
  @ApiProperty({ description: 'Unique, for addresses' })
  slug!: string;

  @ApiProperty()
  description!: string;
}

export const OrganisationPage = PageOf(OrganisationResponse, 'OrganisationPage');
