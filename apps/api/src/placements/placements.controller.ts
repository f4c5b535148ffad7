import { AuthUser } from '@app/accounts';
import { placementsListTable, PlacementsService } from '@app/placements';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, ExportPageQuery, pageOrFile, readPurpose } from '../http/export-query';
import { AcceptOfferDto } from './accept-offer.dto';
import { PlacementPage, PlacementResponse } from './placement.response';

class PlacementQuery extends ExportPageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  roundId?: string;
}

@ApiTags('placements')
@ApiBearerAuth()
@Controller('placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get()
  @ApiOperation({ summary: 'Offers and placements the caller may see' })
  @ApiOkResponse({ type: PlacementPage })
  @ApiExport()
  list(@CurrentUser() caller: AuthUser, @Query() query: PlacementQuery) {
    return pageOrFile(
      query,
      (page, pageSize, format) =>
        this.placements.list(
          caller,
          page,
          pageSize,
          { roundId: query.roundId },
          readPurpose('GET /api/placements', format),
        ),
      { table: placementsListTable, name: 'placements' },
    );
  }

  @Post(':id/accept')
  @Roles('student')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an offer before its deadline (409 when the slot is full)',
    description:
      'A student under 18 sends { guardian: { name, email } }: the seat is held, the placement ' +
      'is awaiting_guardian, and the guardian gets a one-time link by e-mail to consent or ' +
      'refuse before the deadline',
  })
  @ApiOkResponse({ type: PlacementResponse })
  accept(
    @CurrentUser() student: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcceptOfferDto,
  ) {
    return this.placements.accept(student, id, body.guardian);
  }

  @Post(':id/decline')
  @Roles('student')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline an offer' })
  @ApiOkResponse({ type: PlacementResponse })
  decline(@CurrentUser() student: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.placements.decline(student, id);
  }

  @Post(':id/confirm')
  @Roles('reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm an accepted intern of your organisation' })
  @ApiOkResponse({ type: PlacementResponse })
  confirm(@CurrentUser() reviewer: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.placements.confirm(reviewer, id);
  }
}
