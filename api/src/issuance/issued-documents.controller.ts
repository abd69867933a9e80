import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  type ApiBodyOptions,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { Public } from '../common/auth/public.decorator';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import type { IncomingFile } from '../files/file-inspection';
import { UploadedFile, UploadInterceptor } from '../files/upload.interceptor';
import { CaseIssuanceDto, CorrectDocumentDto, IssuedDocumentDto, RevokeDocumentDto, VerificationDto } from './dto/issuance.dto';
import { IssuedDocumentsService } from './issued-documents.service';

const FILE_BODY: ApiBodyOptions = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
};

@ApiTags('issuance')
@Controller()
export class IssuedDocumentsController {
  constructor(private readonly documents: IssuedDocumentsService) {}

  @Get('cases/:id/issuance')
  @ApiOperation({ summary: "A case's issued documents and how a correction would be signed" })
  @Can('read', 'Case')
  @ApiOkResponse({
    type: CaseIssuanceDto,
    description: "The case's documents (revoked ones too) and any signing attempt of unknown outcome",
  })
  forCase(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.documents.forCase(auth, id);
  }

  @Get('cases/:id/issuance/draft')
  @ApiOperation({ summary: "The draft PDF of a case's document (watermarked, no number)" })
  @Can('read', 'Case')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The letter as it will be signed, without number or QR code, watermarked DRAF' })
  async draft(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    const bytes = await this.documents.draft(auth, id);
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length, disposition: 'inline' });
  }

  @Get('issued-documents/:id/content')
  @ApiOperation({ summary: 'Download a signed issued document' })
  @Can('read', 'Case')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The signed PDF, byte for byte as issued' })
  @ApiForbiddenResponse({ description: 'The role may neither act on the case nor see its personal data' })
  content(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string) {
    return this.documents.content(auth, id);
  }

  @Post('issued-documents/:id/revoke')
  @ApiOperation({ summary: 'Revoke an issued document' })
  @HttpCode(200)
  @Can('revokeDocument', 'Case')
  @ApiOkResponse({ type: IssuedDocumentDto })
  @ApiConflictResponse({ description: 'DOCUMENT_NOT_VALID: already revoked or replaced' })
  revoke(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: RevokeDocumentDto) {
    return this.documents.revoke(auth, id, dto.reason);
  }

  @Post('issued-documents/:id/correct')
  @ApiOperation({ summary: 'Correct an issued document (a new document that replaces it)' })
  @HttpCode(201)
  @Can('revokeDocument', 'Case')
  @ApiOkResponse({ type: IssuedDocumentDto, description: 'The new document (new number), which references the old one' })
  @ApiConflictResponse({ description: 'DOCUMENT_NOT_VALID: already revoked or replaced' })
  correct(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Body() dto: CorrectDocumentDto) {
    return this.documents.correct(auth, id, dto);
  }
}

const MINUTE = 60_000;

/** Public verification (the QR code's target and verify-by-upload): no login, rate-limited per IP. */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@ApiTooManyRequestsResponse({ description: 'Rate limit per IP exceeded' })
@Controller('public/verify')
export class VerificationController {
  constructor(private readonly documents: IssuedDocumentsService) {}

  @Get(':code')
  @ApiOperation({ summary: 'Verify an issued document by its verification code' })
  @Throttle({ default: { limit: 30, ttl: MINUTE } })
  @ApiOkResponse({ type: VerificationDto })
  @ApiNotFoundResponse({ description: 'No document has this code (codes are 128-bit random: nothing to enumerate)' })
  verify(@Param('code') code: string) {
    return this.documents.verify(code);
  }

  @Post(':code/file')
  @ApiOperation({ summary: 'Check a PDF against the document with this verification code' })
  @HttpCode(200)
  @Throttle({ default: { limit: 10, ttl: MINUTE } })
  @UseInterceptors(UploadInterceptor({ kind: 'single', field: 'file' }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ type: VerificationDto, description: '`fileMatches`: whether the uploaded PDF is exactly the issued document' })
  verifyFile(@Param('code') code: string, @UploadedFile() file: IncomingFile | undefined) {
    return this.documents.verifyFile(code, file);
  }

  @Post()
  @ApiOperation({ summary: 'Find the issued document a PDF is' })
  @HttpCode(200)
  @Throttle({ default: { limit: 10, ttl: MINUTE } })
  @UseInterceptors(UploadInterceptor({ kind: 'single', field: 'file' }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ type: VerificationDto, description: 'The issued document this PDF is (found by its SHA-256)' })
  @ApiNotFoundResponse({ description: 'The PDF is not one we issued, or it was changed' })
  verifyByFile(@UploadedFile() file: IncomingFile | undefined) {
    return this.documents.verifyByFile(file);
  }
}
