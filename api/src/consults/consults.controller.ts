import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { parseListQuery, setContentRange } from '../common/http/list-query';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import type { IncomingFile } from '../files/file-inspection';
import { UploadedFiles, UploadInterceptor } from '../files/upload.interceptor';
import { CONSULT_MAX_FILES } from '@layanan/contracts';
import { ConsultsService } from './consults.service';
import {
  CONSULT_ANSWER_BODY,
  ConsultAnswerDto,
  ConsultReportRowDto,
  ConsultViewDto,
  ConsultWithdrawDto,
  NEW_CONSULT_BODY,
  NewConsultDto,
} from './dto/consult.dto';

const FILE_RESPONSE = { description: 'The stored bytes', schema: { type: 'string', format: 'binary' } } as const;

@ApiTags('consults')
@Controller()
export class ConsultsController {
  constructor(private readonly consults: ConsultsService) {}

  @Post('cases/:id/consults')
  @ApiOperation({ summary: 'Ask another OPD for a technical opinion on the case (permintaan pertimbangan teknis)' })
  @Can('act', 'Case')
  @UseInterceptors(UploadInterceptor({ kind: 'many', maxFiles: CONSULT_MAX_FILES }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(NEW_CONSULT_BODY)
  @ApiCreatedResponse({ type: ConsultViewDto, description: 'The consult, its case log entry and notice written together' })
  @ApiUnprocessableEntityResponse({
    description: "CONSULT_OWN_OPD: the case's own OPD was named; REFERENCE_INVALID: no such OPD or document",
  })
  request(
    @Auth() auth: AuthContext,
    @Param('id', UuidPipe) id: string,
    @Body() dto: NewConsultDto,
    @UploadedFiles() files: IncomingFile[] | undefined,
  ) {
    return this.consults.request(auth, id, dto, files);
  }

  @Get('cases/:id/consults')
  @ApiOperation({ summary: "The case's consults the caller may read" })
  @Can('read', 'Consult')
  @ApiOkResponse({ type: ConsultViewDto, isArray: true })
  async ofCase(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return (await this.consults.list(auth, { filter: { caseId: id }, sort: { field: 'requestedAt', order: 'ASC' }, offset: 0, limit: 200 }))
      .rows;
  }

  @Get('consults')
  @ApiOperation({ summary: 'The consult queue (Permintaan Pertimbangan): incoming or outgoing, by status' })
  @Can('read', 'Consult')
  @ApiQuery({
    name: 'filter',
    required: false,
    description: 'JSON: {side: incoming|outgoing, status: open|overdue|answered|withdrawn, caseId, id}',
  })
  @ApiQuery({ name: 'sort', required: false, description: 'JSON: ["dueAt"|"requestedAt"|"id","ASC"|"DESC"]' })
  @ApiQuery({ name: 'range', required: false, description: 'JSON: [0,24]' })
  @ApiOkResponse({ type: ConsultViewDto, isArray: true })
  async list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, ['dueAt', 'requestedAt']);
    const { rows, total } = await this.consults.list(auth, q);
    setContentRange(res, 'consults', q.offset, rows.length, total);
    return rows;
  }

  @Get('consults/report')
  @ApiOperation({ summary: 'Consults per OPD: open, overdue, answered and answered on time (asked of it), open and overdue (asked by it)' })
  @Can('readReport', 'Report')
  @ApiQuery({ name: 'from', required: false, description: 'First day (YYYY-MM-DD, WIB) a counted consult was asked' })
  @ApiQuery({ name: 'to', required: false, description: 'Last day (YYYY-MM-DD, WIB)' })
  @ApiOkResponse({ type: ConsultReportRowDto, isArray: true })
  report(@Auth() auth: AuthContext, @Query('from') from?: string, @Query('to') to?: string) {
    return this.consults.report(auth, { from, to });
  }

  @Get('consults/:id')
  @ApiOperation({ summary: 'One consult' })
  @Can('read', 'Consult')
  @ApiOkResponse({ type: ConsultViewDto })
  @ApiNotFoundResponse({ description: 'No such consult, or the caller may not read it' })
  get(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.consults.get(auth, id);
  }

  @Post('consults/:id/answer')
  @ApiOperation({ summary: "The consulted OPD's answer (once; immutable afterwards)" })
  @HttpCode(200)
  @Can('answer', 'Consult')
  @UseInterceptors(UploadInterceptor({ kind: 'many', maxFiles: CONSULT_MAX_FILES }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(CONSULT_ANSWER_BODY)
  @ApiOkResponse({ type: ConsultViewDto })
  @ApiConflictResponse({ description: 'CONSULT_NOT_OPEN: already answered or withdrawn' })
  answer(
    @Auth() auth: AuthContext,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ConsultAnswerDto,
    @UploadedFiles() files: IncomingFile[] | undefined,
  ) {
    return this.consults.answer(auth, id, dto, files);
  }

  @Post('consults/:id/withdraw')
  @ApiOperation({ summary: 'The lead OPD withdraws an open consult' })
  @HttpCode(200)
  @Can('act', 'Case')
  @ApiOkResponse({ type: ConsultViewDto })
  @ApiConflictResponse({ description: 'CONSULT_NOT_OPEN: already answered or withdrawn' })
  withdraw(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: ConsultWithdrawDto) {
    return this.consults.withdraw(auth, id, dto);
  }

  @Get('consults/:id/files/:fileId')
  @ApiOperation({ summary: "A file of the consult's question or answer" })
  @Can('read', 'Consult')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse(FILE_RESPONSE)
  @ApiNotFoundResponse({ description: 'No such consult or file, or the caller may not read it' })
  file(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Param('fileId', UuidPipe) fileId: string) {
    return this.consults.file(auth, id, fileId);
  }

  @Get('consults/:id/documents/:docId')
  @ApiOperation({ summary: 'A case document shared with the consult, while it is open (logged as a personal-data read)' })
  @Can('read', 'Consult')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse(FILE_RESPONSE)
  @ApiNotFoundResponse({ description: 'Not shared with this consult, the consult is closed, or the caller may not read it' })
  sharedDocument(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Param('docId', UuidPipe) docId: string) {
    return this.consults.sharedDocument(auth, id, docId);
  }
}
