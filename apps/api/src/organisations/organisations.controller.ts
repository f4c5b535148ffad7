import { OrganisationsService } from '@app/organisations';
import { Organisation } from '@app/database';
import { Controller, Get, Query } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, toPage } from '../http/page-query.dto';
import { OrganisationListQuery } from './organisation-list.query';
import { OrganisationPage } from './organisation.response';

export interface OrganisationView {
  id: string;
  name: string;
  kind: string;
  slug: string;
  description: string;
}

export const toOrganisationView = (o: Organisation): OrganisationView => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  slug: o.slug,
  description: o.description,
});

@ApiTags('organisations')
@Controller('organizations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "The alliance's organisations, optionally of one kind" })
  @ApiOkResponse({ type: OrganisationPage })
  async list(@Query() query: OrganisationListQuery): Promise<Page<OrganisationView>> {
    const result = await this.organisations.list(query);
    return toPage({ items: result.items.map(toOrganisationView), total: result.total }, query);
  }
}
