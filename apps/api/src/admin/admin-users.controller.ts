import {
  AdminUserView,
  AuthUser,
  SignInBlocksService,
  ThrottledAccount,
  UsersService,
  usersTable,
} from '@app/accounts';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ApiExport, pageOrFile, readPurpose } from '../http/export-query';
import { Page, PageQuery, toPage } from '../http/page-query.dto';
import {
  AdminUserPage,
  AdminUserResponse,
  CreatedStaffResponse,
  ThrottledAccountPage,
} from './admin-user.response';
import { CreateUserDto, UpdateUserDto, UserListQuery } from './admin-users.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly blocks: SignInBlocksService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All accounts, by role, organisation or text' })
  @ApiOkResponse({ type: AdminUserPage })
  @ApiExport()
  list(
    @CurrentUser() caller: AuthUser,
    @Query() query: UserListQuery,
  ): Promise<Page<AdminUserView> | StreamableFile> {
    return pageOrFile(
      query,
      (page, pageSize, format) =>
        this.users.list(
          caller,
          { ...query, page, pageSize },
          readPurpose('GET /api/admin/users', format),
        ),
      { table: usersTable, name: 'accounts' },
    );
  }

  @Get('throttled')
  @ApiOperation({
    summary: 'Accounts that some address may not try to sign in to for now (too many attempts)',
  })
  @ApiOkResponse({ type: ThrottledAccountPage })
  async throttled(
    @CurrentUser() caller: AuthUser,
    @Query() query: PageQuery,
  ): Promise<Page<ThrottledAccount>> {
    return toPage(await this.blocks.current(caller, query), query);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a coordinator, reviewer or admin with an invitation (invitationToken)',
  })
  @ApiCreatedResponse({ type: CreatedStaffResponse })
  create(@Body() body: CreateUserDto) {
    return this.users.createStaff({ ...body, organisationId: body.organisationId ?? null });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change language, or change role and organisation' })
  @ApiOkResponse({ type: AdminUserResponse })
  update(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<AdminUserView> {
    return this.users.update(caller, id, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivate a staff account: every session ends at once, signing in is refused',
  })
  @ApiOkResponse({ type: AdminUserResponse })
  @ApiConflictResponse({ description: 'Your own account' })
  deactivate(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AdminUserView> {
    return this.users.setActive(caller, id, false);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated staff account (it signs in anew)' })
  @ApiOkResponse({ type: AdminUserResponse })
  reactivate(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AdminUserView> {
    return this.users.setActive(caller, id, true);
  }
}
