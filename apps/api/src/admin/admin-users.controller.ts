import { AdminUserView, UsersService } from '@app/accounts';
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
import { AdminUserPage, AdminUserResponse, CreatedStaffResponse } from './admin-user.response';
import { CreateUserDto, UpdateUserDto, UserListQuery } from './admin-users.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'All accounts, by role, organisation or text' })
  @ApiOkResponse({ type: AdminUserPage })
  async list(@Query() query: UserListQuery): Promise<Page<AdminUserView>> {
    return toPage(await this.users.list(query), query);
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
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<AdminUserView> {
    return this.users.update(id, body);
  }
}
