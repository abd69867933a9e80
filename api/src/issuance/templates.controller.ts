import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
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
import { UploadedFile, UploadInterceptor } from '../files/upload.interceptor';
import {
  CreateSignatoryDto,
  DocumentTemplateDto,
  LetterheadDto,
  LetterheadViewDto,
  SignatoryDto,
  TemplateTextsDto,
  UpdateSignatoryDto,
} from './dto/issuance.dto';
import { TemplatesService } from './templates.service';

const pdf = (bytes: Buffer) => new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length, disposition: 'inline' });

@ApiTags('issuance')
@Controller()
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get('services/:id/document-templates')
  @ApiOperation({ summary: "All versions of a service's document template" })
  @Can('read', 'Service')
  @ApiOkResponse({ type: DocumentTemplateDto, isArray: true, description: 'Every version, newest first' })
  versions(@Param('id', UuidPipe) id: string) {
    return this.templates.versions(id);
  }

  @Get('services/:id/document-template')
  @ApiOperation({ summary: "A service's current document template" })
  @Can('read', 'Service')
  @ApiOkResponse({ type: DocumentTemplateDto, description: 'The version documents are issued with now' })
  current(@Param('id', UuidPipe) id: string) {
    return this.templates.current(id);
  }

  @Put('services/:id/document-template')
  @ApiOperation({ summary: "Save a service's document template (a new version)" })
  @Can('update', 'Service')
  @ApiOkResponse({ type: DocumentTemplateDto, description: 'Saved as a new version; documents already issued keep theirs' })
  @ApiUnprocessableEntityResponse({ description: 'TEMPLATE_INVALID: details name each unknown placeholder or bad pattern' })
  save(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: TemplateTextsDto) {
    return this.templates.save(id, dto, auth.user.id);
  }

  @Post('services/:id/document-template/preview')
  @ApiOperation({ summary: 'Render a template as a PDF for a sample case' })
  @HttpCode(200)
  @Can('update', 'Service')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The texts rendered for a sample applicant, watermarked CONTOH' })
  async preview(@Param('id', UuidPipe) id: string, @Body() dto: TemplateTextsDto) {
    return pdf(await this.templates.preview(id, dto));
  }

  @Get('opds/:id/letterhead')
  @ApiOperation({ summary: "An OPD's letterhead and letter-number pattern" })
  @Can('read', 'Opd')
  @ApiOkResponse({ type: LetterheadViewDto })
  letterhead(@Param('id', UuidPipe) id: string) {
    return this.templates.letterhead(id);
  }

  @Put('opds/:id/letterhead')
  @ApiOperation({ summary: "Change an OPD's letterhead and letter-number pattern" })
  @Can('update', 'Opd')
  @ApiOkResponse({ type: LetterheadViewDto })
  saveLetterhead(@Param('id', UuidPipe) id: string, @Body() dto: LetterheadDto) {
    return this.templates.saveLetterhead(id, dto);
  }

  @Put('opds/:id/letterhead/logo')
  @ApiOperation({ summary: "Upload an OPD's letterhead logo" })
  @Can('update', 'Opd')
  @UseInterceptors(UploadInterceptor({ kind: 'single', field: 'file' }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: LetterheadViewDto })
  saveLogo(@Param('id', UuidPipe) id: string, @UploadedFile() file: IncomingFile | undefined) {
    return this.templates.saveLogo(id, file);
  }

  @Get('opds/:id/letterhead/logo')
  @ApiOperation({ summary: "An OPD's letterhead logo" })
  @Can('read', 'Opd')
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The logo image' })
  async logo(@Param('id', UuidPipe) id: string) {
    const { bytes, type } = await this.templates.logo(id);
    return new StreamableFile(bytes, { type, length: bytes.length });
  }

  @Get('signatories')
  @ApiOperation({ summary: 'List signatories' })
  @Can('manage', 'User')
  @ApiQuery({ name: 'filter', required: false })
  @ApiQuery({ name: 'range', required: false })
  @ApiOkResponse({ type: SignatoryDto, isArray: true })
  async signatories(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: FastifyReply) {
    const q = parseListQuery(query, []);
    const { rows, total } = await this.templates.signatories(q);
    setContentRange(res, 'signatories', q.offset, rows.length, total);
    return rows;
  }

  @Get('signatories/:userId')
  @ApiOperation({ summary: 'One signatory' })
  @Can('manage', 'User')
  @ApiOkResponse({ type: SignatoryDto })
  signatory(@Param('userId', UuidPipe) userId: string) {
    return this.templates.signatory(userId);
  }

  @Post('signatories')
  @ApiOperation({ summary: 'Register a staff user as a signatory' })
  @Can('manage', 'User')
  @ApiCreatedResponse({ type: SignatoryDto })
  createSignatory(@Body() dto: CreateSignatoryDto) {
    return this.templates.createSignatory(dto);
  }

  @Put('signatories/:userId')
  @ApiOperation({ summary: 'Change a signatory' })
  @Can('manage', 'User')
  @ApiOkResponse({ type: SignatoryDto })
  updateSignatory(@Param('userId', UuidPipe) userId: string, @Body() dto: UpdateSignatoryDto) {
    return this.templates.updateSignatory(userId, dto);
  }
}
