import { AccountsService, AuthUser, toUserView } from '@app/accounts';
import { OrganisationsService } from '@app/organisations';
import { TodosService } from '@app/placements';
import { StudentsService } from '@app/students';
import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { MeResponse, TodoList } from './me.response';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly organisations: OrganisationsService,
    private readonly students: StudentsService,
    private readonly todos: TodosService,
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

  @Get('todos')
  @ApiOperation({
    summary: "What waits for the signed-in user, for their role's start page",
    description:
      'Typed items, each with a count, a deadline where there is one, the round it concerns and the screen of the web app to do it on. Admins: closed rounds to run, matched rounds to publish, failed notifications. Coordinators: students of the school who have not ranked in an open round, placements awaiting a guardian. Reviewers: slots with applicants not yet ranked while ranking is possible, interns to confirm. Students: a round to rank in, an offer to answer. Only work there is: an empty list when nothing waits.',
  })
  @ApiOkResponse({ type: TodoList })
  async todoList(@CurrentUser() caller: AuthUser): Promise<TodoList> {
    return { items: await this.todos.forUser(caller) };
  }
}
