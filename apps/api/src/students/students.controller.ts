import { AuthUser } from '@app/accounts';
import { StudentOverview, StudentOverviewService } from '@app/placements';
import { StudentErasureService, StudentExport, StudentExportService } from '@app/privacy';
import { RoundStudentsService } from '@app/rounds';
import {
  AdminCreateStudentDto,
  CreatedStudent,
  CreateStudentDto,
  ReviewerStudentView,
  ROSTER_CSV_COLUMNS,
  StaffStudentChangesDto,
  StudentProfileDto,
  StudentsService,
  studentsTable,
  StudentView,
} from '@app/students';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
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
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { StudentExportResponse } from '../privacy/student-export.response';
import { CsvUpload, requiredFile } from '../http/csv-upload';
import { ApiExport, pageOrFile, readPurpose } from '../http/export-query';
import { Page } from '../http/page-query.dto';
import { BulkSentCount, SentCount } from '../http/sent-count.response';
import { validateBody } from '../http/validation';
import { StudentOverviewResponse } from './student-overview.response';
import { RosterImportQuery, StudentListQuery } from './student-queries';
import {
  CreatedStudentResponse,
  ImportedStudents,
  ReviewerStudentResponse,
  RosterPreviewResponse,
  StudentPage,
  StudentResponse,
} from './student.response';

const CSV_HEADER = [...ROSTER_CSV_COLUMNS.required, ...ROSTER_CSV_COLUMNS.optional].join(',');

@ApiTags('students')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(
    private readonly students: StudentsService,
    private readonly exports: StudentExportService,
    private readonly erasure: StudentErasureService,
    private readonly overviews: StudentOverviewService,
    private readonly roundStudents: RoundStudentsService,
  ) {}

  @Get()
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: "Students: a coordinator's own school; admins all (?schoolId=)",
    description:
      "Filters: ?programmeId=, ?q=, and ?roundId=&status= as the coordinator's list shows it; a download (?format=) holds every student the filters keep.",
  })
  @ApiOkResponse({ type: StudentPage })
  @ApiExport()
  async list(
    @CurrentUser() caller: AuthUser,
    @Query() query: StudentListQuery,
  ): Promise<Page<StudentView> | StreamableFile> {
    const { roundId, status } = query;
    const ids =
      roundId && status
        ? await this.roundStudents.idsWithStatus(
            caller,
            roundId,
            status,
            caller.role === 'admin' ? query.schoolId : undefined,
          )
        : undefined;
    return pageOrFile(
      query,
      (page, pageSize, format) =>
        this.students.list(
          caller,
          { ...query, ids, page, pageSize },
          readPurpose('GET /api/students', format),
        ),
      { table: studentsTable, name: 'students' },
    );
  }

  @Post()
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'Create a student with an account and an invitation (invitationToken)',
    description: 'Coordinators create in their own school; admins must give schoolId.',
  })
  @ApiBody({ type: AdminCreateStudentDto, description: 'Coordinators leave out schoolId' })
  @ApiCreatedResponse({ type: CreatedStudentResponse })
  async create(
    @CurrentUser() caller: AuthUser,
    @Body() body: Record<string, unknown>,
  ): Promise<CreatedStudent> {
    const dto = caller.role === 'admin' ? AdminCreateStudentDto : CreateStudentDto;
    return this.students.create(caller, await validateBody<CreateStudentDto>(dto, body));
  }

  @Post('import')
  @Roles('coordinator', 'admin')
  @CsvUpload(`CSV roster with the header ${CSV_HEADER}; languages like "da;en"`)
  @ApiOperation({
    summary: 'Import a roster, all rows or none; 400 lists every bad row (1 = first data row)',
    description:
      "A row whose e-mail is a student of the school updates that student (next year's roster); an e-mail of any other account is refused.",
  })
  @ApiCreatedResponse({ type: ImportedStudents })
  importRoster(
    @CurrentUser() caller: AuthUser,
    @Query() query: RosterImportQuery,
    @UploadedFile(requiredFile()) file: Express.Multer.File,
  ) {
    return this.students.importRoster(caller, file.buffer, query.schoolId);
  }

  @Post('invitations')
  @Roles('coordinator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send the invitation again to every student of the school who has not accepted it',
    description:
      'A new invitation (14 days) and its e-mail, through the outbox in one transaction; students invited in the last hour are left out (skipped), so pressing twice mails once, also at once.',
  })
  @ApiOkResponse({ type: BulkSentCount })
  resendInvitations(@CurrentUser() caller: AuthUser): Promise<BulkSentCount> {
    return this.students.resendInvitations(caller);
  }

  @Post(':id/invitation')
  @Roles('coordinator', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send the invitation again to a student who has not accepted it',
    description:
      'sent: 0 when the student has set a password or was invited in the last hour. Their coordinator and admins.',
  })
  @ApiOkResponse({ type: SentCount })
  resendInvitation(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SentCount> {
    return this.students.resendInvitation(caller, id);
  }

  @Post('import/preview')
  @Roles('coordinator', 'admin')
  @HttpCode(200)
  @CsvUpload(`CSV roster with the header ${CSV_HEADER}; languages like "da;en"`)
  @ApiOperation({
    summary: 'What importing the roster would create, update or leave unchanged; writes nothing',
    description: 'Refused (400, every bad row) exactly as the import would be.',
  })
  @ApiOkResponse({ type: RosterPreviewResponse })
  previewRoster(
    @CurrentUser() caller: AuthUser,
    @Query() query: RosterImportQuery,
    @UploadedFile(requiredFile()) file: Express.Multer.File,
  ) {
    return this.students.previewRoster(caller, file.buffer, query.schoolId);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A student: the full profile for themself, their coordinator and admins',
    description:
      'Reviewers get a reduced view of applicants to and interns of their organisation only.',
  })
  @ApiExtraModels(ReviewerStudentResponse)
  @ApiOkResponse({
    description: 'StudentResponse, or ReviewerStudentResponse for reviewers',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(StudentResponse) },
        { $ref: getSchemaPath(ReviewerStudentResponse) },
      ],
    },
  })
  get(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudentView | ReviewerStudentView> {
    return this.students.get(caller, id);
  }

  @Get(':id/overview')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: 'One student as their coordinator follows them: profile, invitation, rounds, offers',
    description:
      "Per round the student's standing (as the reports count it), how many slots they ranked (which ones: admins only) and their offer or placement. The school's coordinators and admins; access-logged.",
  })
  @ApiOkResponse({ type: StudentOverviewResponse })
  overview(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudentOverview> {
    return this.overviews.overview(caller, id);
  }

  @Get(':id/export')
  @Roles('student', 'admin')
  @ApiOperation({
    summary: 'Everything held about the student, as one JSON document (hent mine data)',
    description: 'GDPR arts. 15 and 20. Students their own; admins any. Sections: docs/PRIVACY.md',
  })
  @ApiOkResponse({ type: StudentExportResponse })
  export(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudentExport> {
    return this.exports.export(caller, id);
  }

  @Delete(':id')
  @Roles('student', 'coordinator', 'admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase the student everywhere (slet min konto); 404 once erased',
    description:
      'GDPR art. 17. The student themself, their coordinator, admins. Round results keep an anonymous tombstone.',
  })
  erase(@CurrentUser() caller: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.erasure.erase(caller, id);
  }

  @Patch(':id')
  @Roles('student', 'coordinator', 'admin')
  @ApiOperation({
    summary:
      'Change a profile: students their own; coordinators and admins also name and programme',
  })
  @ApiOkResponse({ type: StudentResponse })
  @ApiBody({
    type: StaffStudentChangesDto,
    description: 'Students may not send fullName, programmeId, birthDate',
  })
  async update(
    @CurrentUser() caller: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<StudentView> {
    const dto = caller.role === 'student' ? StudentProfileDto : StaffStudentChangesDto;
    return this.students.update(caller, id, await validateBody<StaffStudentChangesDto>(dto, body));
  }
}
