import { REUSABLE_REQUIREMENTS, type PortalReuseChoice } from '@layanan/contracts';
import type {
  NotificationChannel,
  PublicService,
  Receipt,
  TimelineEntry,
  TrackedDocument,
  TrackResult,
  TrackedStep,
} from '@layanan/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NotificationChoiceDto } from '../../cases/dto/case.dto';
import { REQUIREMENT_KEY } from '../../documents/dto/document.dto';
import { FormFieldDto, RequirementDto } from '../../services/dto/service.dto';

// ---- catalog -------------------------------------------------------------------------

/** A service as the citizen sees it: the PermenPAN-RB 15/2014 public components + OPD. */
export class PublicServiceView implements PublicService {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() opdId: string;
  @ApiProperty({ example: 'Dispendukcapil' }) opdName: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [RequirementDto], description: 'Persyaratan' }) requirements: RequirementDto[];
  @ApiProperty({ type: [FormFieldDto] }) formFields: FormFieldDto[];
  @ApiProperty({ description: 'Sistem, mekanisme dan prosedur' }) procedure: string;
  @ApiProperty({ description: 'Jangka waktu penyelesaian' }) slaAmount: number;
  @ApiProperty({ enum: ['days', 'hours'], description: 'working days or working hours' }) slaUnit: 'days' | 'hours';
  @ApiProperty({ description: 'Biaya/tarif in rupiah; 0 = Gratis' }) feeAmount: number;
  @ApiProperty({ nullable: true, type: String }) feeNote: string | null;
  @ApiProperty({ description: 'Produk layanan' }) product: string;
  @ApiProperty({ description: 'Penanganan pengaduan, saran dan masukan' }) complaintChannel: string;
  @ApiProperty({ description: 'Dasar hukum' }) legalBasis: string;
}

// ---- application -------------------------------------------------------------------------

export class PublicAddressDto {
  @ApiProperty({ example: 'Jl. Soekarno Hatta 9' }) @IsString() @IsNotEmpty() @MaxLength(200) street: string;
  @ApiProperty({ example: 'Tunggulwulung' }) @IsString() @IsNotEmpty() @MaxLength(100) kelurahan: string;
  @ApiProperty({ example: 'Lowokwaru' }) @IsString() @IsNotEmpty() @MaxLength(100) kecamatan: string;
  @ApiPropertyOptional({ example: '35.73.05.1001' })
  @IsOptional()
  @Matches(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'must be a Kemendagri village code like 35.73.05.1001' })
  kelurahanCode?: string;
}

export class PublicApplicantDto {
  @ApiProperty({ example: '3573054107900001' }) @IsString() nik: string;
  @ApiProperty({ example: 'Sari Wulandari' }) @IsString() @MinLength(2) @MaxLength(120) name: string;
  @ApiProperty({ example: '081234567890' }) @IsString() @MaxLength(20) phone: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiProperty({ type: PublicAddressDto }) @IsObject() @ValidateNested() @Type(() => PublicAddressDto) address: PublicAddressDto;
}

/** The JSON inside the multipart field `data`. */
/** Reuse of a KTP/KK verified on the citizen's earlier application (any OPD), with their consent. */
export class PortalReuseChoiceDto implements PortalReuseChoice {
  @ApiProperty({ enum: REUSABLE_REQUIREMENTS }) @IsIn(REUSABLE_REQUIREMENTS) requirementKey: PortalReuseChoice['requirementKey'];
  @ApiProperty({ example: 'DKC-7F3K-92QX', description: 'Tracking code of the earlier application (same NIK)' })
  @IsString()
  @MaxLength(40)
  trackingCode: string;
  @ApiProperty({ enum: [true], description: 'The applicant agrees that the verified document is used for this application' })
  @Equals(true, { message: 'must be true: you have to agree to the reuse' })
  consent: true;
}

export class ApplicationDataDto {
  @ApiProperty() @IsUUID() serviceId: string;
  @ApiProperty({ type: PublicApplicantDto }) @IsObject() @ValidateNested() @Type(() => PublicApplicantDto) applicant: PublicApplicantDto;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() formData?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: NotificationChoiceDto,
    description: 'The channels the applicant agreed to be told on (consent recorded now)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationChoiceDto)
  @IsObject()
  notifications?: NotificationChoiceDto;
  @ApiPropertyOptional({
    type: [PortalReuseChoiceDto],
    description: 'Verified KTP/KK of an earlier application to reuse instead of uploading (consent recorded now)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REUSABLE_REQUIREMENTS.length)
  @ValidateNested({ each: true })
  @Type(() => PortalReuseChoiceDto)
  reuse?: PortalReuseChoiceDto[];
}

/** Text fields of the multipart application; the files are `doc_<requirementKey>` parts. */
export class ApplicationFormDto {
  @ApiProperty({ description: 'JSON of ApplicationDataDto' }) @IsString() @IsNotEmpty() data: string;
}

export const APPLICATION_BODY = {
  schema: {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'string',
        description:
          'JSON: {serviceId, applicant: {nik, name, phone, email?, address: {street, kelurahan, kecamatan, kelurahanCode?}}, formData}',
      },
      doc_kk: {
        type: 'string',
        format: 'binary',
        description: 'One part per document requirement, named doc_<requirementKey> (PDF/JPEG/PNG/WebP)',
      },
    },
    additionalProperties: { type: 'string', format: 'binary' },
  },
};

export class ReceiptDocumentView {
  @ApiProperty() requirementKey: string;
  @ApiProperty() label: string;
  @ApiProperty() fileName: string;
}

/** Bukti pendaftaran. The case id is never exposed: the tracking code is the citizen's handle. */
export class ReceiptView implements Receipt {
  @ApiProperty({ example: 'Bukti Pendaftaran Permohonan' }) title: string;
  @ApiProperty({ example: 'DKC-7F3K-92QX' }) trackingCode: string;
  @ApiProperty() serviceName: string;
  @ApiProperty() opdName: string;
  @ApiProperty() applicantName: string;
  @ApiProperty({ example: '3573********0001' }) applicantNik: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Due date (working days, holidays skipped)' }) expectedCompletion:
    string | null;
  @ApiProperty({ example: 'Menunggu Verifikasi' }) statusLabel: string;
  @ApiProperty({ type: [ReceiptDocumentView] }) documents: ReceiptDocumentView[];
  @ApiProperty() instructions: string;
  @ApiProperty({ enum: ['email', 'whatsapp'], isArray: true, description: 'Channels status messages will go to; [] = none' })
  notificationChannels: NotificationChannel[];
}

// ---- tracking -------------------------------------------------------------------------------

export class TrackUploadDto {
  @ApiProperty({ example: 'kk' })
  @IsString()
  @Matches(REQUIREMENT_KEY, { message: 'must be a requirement key like "kk"' })
  requirementKey: string;
}

export class TrackEventDto {
  @ApiProperty({ example: '0001', description: 'Last 4 digits of the NIK or of the phone number' })
  @IsString()
  @Matches(/^\d{4}$/, { message: 'must be the last 4 digits of the NIK or phone number' })
  factor: string;
  @ApiProperty({ enum: ['RESUBMIT', 'WITHDRAW'] }) @IsIn(['RESUBMIT', 'WITHDRAW']) type: 'RESUBMIT' | 'WITHDRAW';
  @ApiPropertyOptional({ description: 'Required for WITHDRAW' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class TimelineEntryView implements TimelineEntry {
  @ApiProperty({ example: 'RETURN' }) type: string;
  @ApiProperty({ example: 'Dikembalikan untuk perbaikan' }) label: string;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'verifier', description: 'Role only, never a name' }) actorRole: string;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
}

export class TrackedDocumentView implements TrackedDocument {
  @ApiProperty() requirementKey: string;
  @ApiProperty() label: string;
  @ApiProperty() mandatory: boolean;
  @ApiProperty({ enum: ['missing', 'pending', 'valid', 'invalid'] }) status: 'missing' | 'pending' | 'valid' | 'invalid';
}

export class TrackedIssuedDocumentView {
  @ApiProperty() number: string;
  @ApiProperty() title: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty() verificationCode: string;
}

export class TrackView implements TrackResult {
  @ApiProperty() trackingCode: string;
  @ApiProperty() serviceName: string;
  @ApiProperty() opdName: string;
  @ApiProperty() state: string;
  @ApiProperty({ example: 'Perlu Perbaikan' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: String }) nextStep: string | null;
  @ApiProperty({ nullable: true, type: String }) expectedCompletion: string | null;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true, type: String }) returnReason: string | null;
  @ApiProperty({ type: [TimelineEntryView] }) timeline: TimelineEntryView[];
  @ApiProperty() canResubmit: boolean;
  @ApiProperty() canWithdraw: boolean;
  @ApiProperty({ description: 'Corrected documents may be uploaded (the case is returned)' }) canUploadDocuments: boolean;
  @ApiProperty({ type: [TrackedDocumentView] }) documents: TrackedDocumentView[];
  @ApiProperty({ nullable: true, type: () => TrackedIssuedDocumentView, description: 'Downloadable at track/{code}/document' })
  issuedDocument: TrackedIssuedDocumentView | null;
  @ApiProperty({
    isArray: true,
    description: 'Step bar: { label: { id, en }, status: done | current | todo } along the expected course',
    type: 'object',
    additionalProperties: true,
  })
  steps: TrackedStep[];
}
