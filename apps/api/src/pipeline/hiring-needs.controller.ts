import { AuthUser } from '@app/accounts';
import {
  HiringNeedsService,
  hiringNeedsTable,
  HiringNeedsView,
  ReplaceHiringNeedsDto,
} from '@app/pipeline';
import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CsvUpload, requiredFile } from '../http/csv-upload';
import { ApiExport, ExportQuery, jsonOrFile } from '../http/export-query';
import { HiringNeedsResponse } from './hiring-needs.response';

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('organizations/:id/hiring-needs')
@Roles('reviewer', 'admin')
export class HiringNeedsController {
  constructor(private readonly hiringNeeds: HiringNeedsService) {}

  @Get()
  @ApiOperation({
    summary: 'The hiring needs an employer or public body declared, per programme and year',
    description:
      'Reviewers of the organisation and admins; 404 for an organisation that hires no one',
  })
  @ApiOkResponse({ type: HiringNeedsResponse })
  @ApiExport()
  get(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQuery,
  ): Promise<HiringNeedsView | StreamableFile> {
    return jsonOrFile(
      query,
      async () => {
        const needs = await this.hiringNeeds.get(caller, id);
        return { json: needs, items: needs.items };
      },
      { table: hiringNeedsTable, name: `hiring-needs-${id}` },
    );
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the hiring needs: items { programmeId, year, count }, each pair once',
    description: 'What the list leaves out is no longer a need; at most 1,000 items',
  })
  @ApiOkResponse({ type: HiringNeedsResponse })
  replace(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplaceHiringNeedsDto,
  ): Promise<HiringNeedsView> {
    return this.hiringNeeds.replace(caller, id, body.items);
  }

  @Post('import')
  @CsvUpload(
    'CSV with the header programme,year,count; the programme by its code, or school-slug/code',
  )
  @ApiOperation({
    summary: 'Set the programme-years a CSV file names, all rows or none; others stay',
  })
  @ApiCreatedResponse({ type: HiringNeedsResponse })
  importCsv(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile(requiredFile()) file: Express.Multer.File,
  ): Promise<HiringNeedsView> {
    return this.hiringNeeds.importCsv(caller, id, file.buffer);
  }
}
