import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { ApplicantsService } from './applicants.service';
import { ReuseDocumentDto } from './dto/reuse-document.dto';

/** The applicant of a case across all OPDs (once-only): other applications, verified KTP/KK, reuse, Dukcapil check. */
@ApiTags('applicants')
@Controller('cases/:id/applicant')
export class ApplicantsController {
  constructor(private readonly applicants: ApplicantsService) {}

  @Get()
  @ApiOperation({ summary: "The case's applicant: other applications the caller may read, verified KTP/KK, reused documents" })
  @Can('read', 'Case')
  @ApiOkResponse({ description: 'ApplicantOverview (reads of other OPDs’ applications are logged)' })
  overview(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.applicants.overview(auth, id);
  }

  @Post('reuse-document')
  @ApiOperation({ summary: "Reuse a verified KTP/KK of the applicant's other application, with the applicant's consent" })
  @Can('act', 'Case')
  @ApiCreatedResponse({ description: 'The new document of this case (pending check)' })
  reuse(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: ReuseDocumentDto) {
    return this.applicants.reuse(auth, id, dto);
  }

  @Post('population-check')
  @ApiOperation({ summary: "Check the applicant's NIK and name against Dukcapil's register (match / no match; off without a PKS)" })
  @HttpCode(200)
  @Can('read', 'Case')
  @ApiOkResponse({ description: '`{ result: match | no_match, checkedAt }`' })
  check(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.applicants.checkPopulation(auth, id);
  }
}
