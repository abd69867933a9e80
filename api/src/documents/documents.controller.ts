import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../common/auth/auth-context';
import { Can } from '../common/auth/can.decorator';
import { Auth } from '../common/auth/current-user.decorator';
import { UuidPipe } from '../common/pipes/uuid.pipe';
import { CaseDetailView, CaseDocumentView } from '../cases/dto/case.dto';
import { DocumentsService } from './documents.service';
import { CheckDocumentDto, UPLOAD_DOCUMENT_BODY, UploadDocumentDto } from './dto/document.dto';
import type { IncomingFile } from '../files/file-inspection';
import { UploadedFile, UploadInterceptor } from '../files/upload.interceptor';

@ApiTags('documents')
@Controller('cases/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @ApiOperation({ summary: 'Upload a document to a case' })
  @Can('act', 'Case')
  @UseInterceptors(UploadInterceptor({ kind: 'single', field: 'file' }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_DOCUMENT_BODY)
  @ApiCreatedResponse({
    type: CaseDocumentView,
    description: 'Stored, hashed and linked; a previous file for the requirement is superseded',
  })
  @ApiNotFoundResponse({ description: 'No such case, or the caller cannot read it' })
  @ApiConflictResponse({ description: 'The case is closed (final state)' })
  @ApiPayloadTooLargeResponse({ description: 'The file exceeds UPLOAD_MAX_BYTES (details name `file`)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PDF/JPEG/PNG/WebP by content, or the name/declared type contradicts the content' })
  upload(
    @Auth() auth: AuthContext,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UploadDocumentDto,
    @UploadedFile() file: IncomingFile | undefined,
  ) {
    return this.documents.upload(auth, id, dto.requirementKey, file);
  }

  @Get(':docId/content')
  @ApiOperation({ summary: "Download a case document's file" })
  @Can('read', 'Case')
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse({ description: 'The stored bytes, with the content type decided at upload', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such case/document, or the caller cannot read the case' })
  content(@Auth() auth: AuthContext, @Param('id', UuidPipe) id: string, @Param('docId', UuidPipe) docId: string) {
    return this.documents.content(auth, id, docId);
  }

  @Post(':docId/check')
  @ApiOperation({ summary: 'Mark a case document valid or invalid' })
  @HttpCode(200)
  @Can('checkDocument', 'Case')
  @ApiOkResponse({
    type: CaseDetailView,
    description: 'The case with refreshed availableActions (VERIFY once every mandatory document is valid)',
  })
  @ApiNotFoundResponse({ description: 'No such case/document, or the caller cannot read the case' })
  @ApiConflictResponse({ description: 'The case is closed, or a newer file superseded this one' })
  @ApiUnprocessableEntityResponse({ description: '`note` is required when marking a document invalid' })
  check(
    @Auth() auth: AuthContext,
    @Param('id', UuidPipe) id: string,
    @Param('docId', UuidPipe) docId: string,
    @Body() dto: CheckDocumentDto,
  ) {
    return this.documents.check(auth, id, docId, dto);
  }
}
