import {
  CreateOrganisationDto,
  OrganisationsService,
  UpdateOrganisationDto,
} from '@app/organisations';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { Page, toPage } from '../http/page-query.dto';
import { OrganisationListQuery } from '../organisations/organisation-list.query';
import { OrganisationPage, OrganisationResponse } from '../organisations/organisation.response';
import { OrganisationView, toOrganisationView } from '../organisations/organisations.controller';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/organisations')
export class AdminOrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'All organisations, optionally of one kind' })
  @ApiOkResponse({ type: OrganisationPage })
  async list(@Query() query: OrganisationListQuery): Promise<Page<OrganisationView>> {
    const result = await this.organisations.list(query);
    return toPage({ items: result.items.map(toOrganisationView), total: result.total }, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create an organisation; name and slug are unique' })
  @ApiCreatedResponse({ type: OrganisationResponse })
  async create(@Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return toOrganisationView(await this.organisations.create(body));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an organisation; kind only while nothing refers to it' })
  @ApiOkResponse({ type: OrganisationResponse })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganisationDto,
  ): Promise<OrganisationView> {
    return toOrganisationView(await this.organisations.update(id, body));
  }
}
