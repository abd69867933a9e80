import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../common/auth/public.decorator';
import { OptionalUuidPipe } from '../common/pipes/uuid.pipe';
import { OptionalStringPipe } from '../common/pipes/query-string.pipe';
import { UPLOAD_DOCUMENT_BODY } from '../documents/dto/document.dto';
import type { IncomingFile } from '../files/file-inspection';
import { UploadedFile, UploadedFiles, UploadInterceptor } from '../files/upload.interceptor';
import {
  APPLICATION_BODY,
  ApplicationFormDto,
  PublicServiceView,
  ReceiptView,
  TrackEventDto,
  TrackUploadDto,
  TrackView,
} from './dto/public.dto';
import { PublicApplicationsService } from './public-applications.service';
import { PublicCatalogService } from './public-catalog.service';
import { PublicTrackingService } from './public-tracking.service';
import { AcceptLang, type PublicLang } from '../common/http/accept-language';

const MINUTE = 60_000;
/** Guessing a code needs the factor too; 10 tries a minute per IP makes enumeration hopeless. */
const TRACK_LIMIT = { default: { limit: 10, ttl: MINUTE } };
const LANGUAGE_HEADER = {
  name: 'Accept-Language',
  required: false,
  description: 'id (default) or en: the language of the status, next step and timeline labels',
};

@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@ApiTooManyRequestsResponse({ description: 'Rate limit per IP exceeded' })
@Controller('public')
export class PublicPortalController {
  constructor(
    private readonly catalog: PublicCatalogService,
    private readonly applications: PublicApplicationsService,
    private readonly tracking: PublicTrackingService,
  ) {}

  @Get('services')
  @ApiOperation({ summary: 'List the services citizens can apply for' })
  @Throttle({ default: { limit: 120, ttl: MINUTE } })
  @ApiQuery({ name: 'q', required: false, description: 'Search in service name, OPD and description' })
  @ApiQuery({ name: 'opdId', required: false })
  @ApiOkResponse({ type: PublicServiceView, isArray: true, description: 'Active services, ordered by OPD then name' })
  services(@Query('q', OptionalStringPipe) q: string | undefined, @Query('opdId', OptionalUuidPipe) opdId: string | undefined) {
    return this.catalog.list(q, opdId);
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'One service with its form and required documents' })
  @Throttle({ default: { limit: 120, ttl: MINUTE } })
  @ApiOkResponse({ type: PublicServiceView })
  @ApiNotFoundResponse({ description: 'No such active service' })
  service(@Param('id') id: string) {
    return this.catalog.get(id);
  }

  @Post('applications')
  @ApiOperation({ summary: 'Submit an application online' })
  @Throttle({ default: { limit: 30, ttl: MINUTE } })
  @UseInterceptors(UploadInterceptor({ kind: 'many', maxFiles: 20 }))
  @ApiConsumes('multipart/form-data')
  @ApiBody(APPLICATION_BODY)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '8-100 characters [A-Za-z0-9_-], the same on every retry of one submission',
  })
  @ApiCreatedResponse({ type: ReceiptView, description: 'Bukti pendaftaran; a retry with the same key and body returns the same receipt' })
  @ApiBadRequestResponse({
    description: 'A field, the header or a mandatory document (doc_<key>) is missing or malformed; nothing is stored',
  })
  @ApiPayloadTooLargeResponse({ description: 'A file exceeds UPLOAD_MAX_BYTES (details name its doc_<key> part)' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'A file is not PDF/JPEG/PNG/WebP by content, or its name/declared type contradicts the content',
  })
  @ApiUnprocessableEntityResponse({ description: 'The service is not offered, or the Idempotency-Key was used for a different request' })
  apply(
    @Headers('idempotency-key') key: string | undefined,
    @Body() form: ApplicationFormDto,
    @UploadedFiles() files: IncomingFile[] | undefined,
  ) {
    return this.applications.apply(key, form.data, files);
  }

  @Get('track/:trackingCode')
  @ApiOperation({ summary: 'Track an application by tracking code and factor' })
  @Throttle(TRACK_LIMIT)
  @ApiQuery({ name: 'factor', required: true, description: 'Last 4 digits of the NIK or of the phone number' })
  @ApiHeader(LANGUAGE_HEADER)
  @Header('Vary', 'Accept-Language')
  @ApiOkResponse({ type: TrackView })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong factor (the same answer for both)' })
  track(
    @Param('trackingCode') code: string,
    @Query('factor', OptionalStringPipe) factor: string | undefined,
    @AcceptLang() lang: PublicLang,
  ) {
    return this.tracking.track(code, factor, lang);
  }

  @Get('track/:trackingCode/document')
  @ApiOperation({ summary: "Download the application's signed document" })
  @Throttle(TRACK_LIMIT)
  @ApiQuery({ name: 'factor', required: true, description: 'Last 4 digits of the NIK or of the phone number' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The signed document (PDF) once the application is complete' })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong factor, or no document issued yet' })
  issuedDocument(@Param('trackingCode') code: string, @Query('factor', OptionalStringPipe) factor: string | undefined) {
    return this.tracking.issuedDocument(code, factor);
  }

  @Post('track/:trackingCode/documents')
  @ApiOperation({ summary: 'Upload a document to a returned application' })
  @Throttle(TRACK_LIMIT)
  @UseInterceptors(UploadInterceptor({ kind: 'single', field: 'file' }))
  @ApiQuery({ name: 'factor', required: true, description: 'Last 4 digits of the NIK or of the phone number' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_DOCUMENT_BODY)
  @ApiHeader(LANGUAGE_HEADER)
  @Header('Vary', 'Accept-Language')
  @ApiCreatedResponse({ type: TrackView, description: 'The corrected file is stored (pending); the previous one is superseded' })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong factor' })
  @ApiConflictResponse({ description: 'The application is not returned for correction' })
  @ApiPayloadTooLargeResponse({ description: 'The file exceeds UPLOAD_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PDF/JPEG/PNG/WebP by content' })
  upload(
    @Param('trackingCode') code: string,
    @Query('factor', OptionalStringPipe) factor: string | undefined,
    @Body() dto: TrackUploadDto,
    @UploadedFile() file: IncomingFile | undefined,
    @AcceptLang() lang: PublicLang,
  ) {
    return this.tracking.uploadCorrection(code, factor, dto.requirementKey, file, lang);
  }

  @Post('track/:trackingCode/events')
  @ApiOperation({ summary: 'Resubmit or withdraw an application' })
  @HttpCode(200)
  @Throttle(TRACK_LIMIT)
  @ApiHeader(LANGUAGE_HEADER)
  @Header('Vary', 'Accept-Language')
  @ApiOkResponse({ type: TrackView })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong factor' })
  @ApiConflictResponse({ description: 'The state does not accept the event' })
  @ApiUnprocessableEntityResponse({ description: 'WITHDRAW needs a reason' })
  event(@Param('trackingCode') code: string, @Body() dto: TrackEventDto, @AcceptLang() lang: PublicLang) {
    return this.tracking.event(code, dto, lang);
  }
}
