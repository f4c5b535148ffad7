import { ProgrammesService } from '@app/organisations';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, toPage } from '../http/page-query.dto';
import { ProgrammeListQuery } from './programme-list.query';
import { ProgrammePage, ProgrammeResponse } from './programme.response';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get()
  @ApiOperation({
    summary: "The schools' programmes, by school and name; optionally of one school",
    description: 'Any signed-in user; what a slot names as its eligible programmes (programmeIds)',
  })
  @ApiOkResponse({ type: ProgrammePage })
  async list(@Query() query: ProgrammeListQuery): Promise<Page<ProgrammeResponse>> {
    return toPage(await this.programmes.list(query), query);
  }
}
