import { AuthUser } from '@app/accounts';
import {
  AdminCreateSlotDto,
  CreateSlotDto,
  SLOT_CSV_COLUMNS,
  SlotsService,
  slotsTable,
  SlotView,
  UpdateSlotDto,
} from '@app/slots';
import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CsvUpload, requiredFile } from '../http/csv-upload';
import { ApiExport, pageOrFile } from '../http/export-query';
import { Page } from '../http/page-query.dto';
import { validateBody } from '../http/validation';
import { SlotImportQuery, SlotListQuery } from './slot-list.query';
import { ImportedSlots, SlotPage, SlotResponse } from './slot.response';

const CSV_HEADER = [...SLOT_CSV_COLUMNS.required, ...SLOT_CSV_COLUMNS.optional].join(',');

@ApiTags('slots')
@ApiBearerAuth()
@Controller('slots')
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Slots: students see open slots they are eligible for; reviewers their own; others open',
  })
  @ApiOkResponse({ type: SlotPage })
  @ApiExport()
  list(
    @CurrentUser() caller: AuthUser,
    @Query() query: SlotListQuery,
  ): Promise<Page<SlotView> | StreamableFile> {
    return pageOrFile(
      query,
      (page, pageSize) => this.slots.list(caller, { ...query, page, pageSize }),
      { table: slotsTable, name: 'slots' },
    );
  }

  @Post()
  @Roles('reviewer', 'admin')
  @ApiOperation({
    summary: 'Post a slot: reviewers for their own organisation; admins name organisationId',
  })
  @ApiBody({ type: AdminCreateSlotDto, description: 'Reviewers must leave out organisationId' })
  @ApiCreatedResponse({ type: SlotResponse })
  async create(
    @CurrentUser() caller: AuthUser,
    @Body() body: Record<string, unknown>,
  ): Promise<SlotView> {
    const dto = caller.role === 'admin' ? AdminCreateSlotDto : CreateSlotDto;
    return this.slots.create(caller, await validateBody<CreateSlotDto>(dto, body));
  }

  @Post('import')
  @Roles('reviewer', 'admin')
  @CsvUpload(`CSV with the header ${CSV_HEADER}; lists separated by ';'`)
  @ApiOperation({
    summary: 'Import slots from CSV, all rows or none; 400 lists every bad row and field',
  })
  @ApiCreatedResponse({ type: ImportedSlots })
  importCsv(
    @CurrentUser() caller: AuthUser,
    @Query() query: SlotImportQuery,
    @UploadedFile(requiredFile()) file: Express.Multer.File,
  ) {
    return this.slots.importCsv(caller, file.buffer, query.organisationId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One slot, if the caller may see it (404 otherwise)' })
  @ApiOkResponse({ type: SlotResponse })
  get(@CurrentUser() caller: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SlotView> {
    return this.slots.get(caller, id);
  }

  @Patch(':id')
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Change a slot of the own organisation (admins: any)' })
  @ApiOkResponse({ type: SlotResponse })
  update(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateSlotDto,
  ): Promise<SlotView> {
    return this.slots.update(caller, id, body);
  }

  @Delete(':id')
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Close a slot (status closed); returns it' })
  @ApiOkResponse({ type: SlotResponse })
  close(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SlotView> {
    return this.slots.close(caller, id);
  }
}
