import { AccountsService, AuthUser, toUserView } from '@app/accounts';
import { OrganisationsService } from '@app/organisations';
import { StudentsService } from '@app/students';
import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { MeResponse } from './me.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly organisations: OrganisationsService,
    private readonly students: StudentsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Who is signed in, with their organisation and student profile' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentUser() caller: AuthUser) {
    const user = await this.accounts.findById(caller.id);
    if (!user) throw new NotFoundException('The account no longer exists');
    const organisation = caller.organisationId
      ? await this.organisations.findById(caller.organisationId)
      : null;
    return {
      ...toUserView(user, caller),
      organisation: organisation && {
        id: organisation.id,
        name: organisation.name,
        kind: organisation.kind,
      },
      ...(caller.studentId ? { student: await this.students.get(caller, caller.studentId) } : {}),
    };
  }
}
