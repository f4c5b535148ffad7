import {
  CreateOrganisationDto,
  OrganisationsService,
  organisationsTable,
  UpdateOrganisationDto,
} from '@app/organisations';
import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ApiExport, FileFormatProperty, Format, pageOrFile } from '../http/export-query';
import { Page } from '../http/page-query.dto';
import { OrganisationListQuery } from '../organisations/organisation-list.query';
import { OrganisationPage, OrganisationResponse } from '../organisations/organisation.response';
import { OrganisationView, toOrganisationView } from '../organisations/organisations.controller';

/** The admin's list can be downloaded; the public one cannot. */
class AdminOrganisationListQuery extends OrganisationListQuery {
  @FileFormatProperty()
  format?: Format;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/organisations')
export class AdminOrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'All organisations, optionally of one kind' })
  @ApiOkResponse({ type: OrganisationPage })
  @ApiExport()
  list(
    @Query() query: AdminOrganisationListQuery,
  ): Promise<Page<OrganisationView> | StreamableFile> {
    return pageOrFile(
      query,
      async (page, pageSize) => {
        const result = await this.organisations.list({ kind: query.kind, page, pageSize });
        return { items: result.items.map(toOrganisationView), total: result.total };
      },
      { table: organisationsTable, name: 'organisations' },
    );
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
