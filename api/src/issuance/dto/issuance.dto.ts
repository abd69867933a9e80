import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

export class TemplateTextsDto {
  @ApiProperty({ example: 'Surat Keterangan' }) @IsString() @MaxLength(200) title: string;
  @ApiProperty({
    description: 'Paragraphs separated by blank lines; `| Label | {{placeholder}}` lines form a table',
    example: 'Yang bertanda tangan di bawah ini menerangkan bahwa:\n\n| Nama | {{applicant.name}}\n| NIK | {{applicant.nik}}',
  })
  @IsString()
  @MaxLength(20_000)
  body: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: "Overrides the OPD's letter-number pattern (own counter)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  numberPattern?: string | null;
  // Read-only fields react-admin sends back.
  @IsOptional() id?: string;
  @IsOptional() serviceId?: string;
  @IsOptional() version?: number;
  @IsOptional() serviceVersion?: number;
  @IsOptional() createdAt?: string;
  @IsOptional() createdByName?: string | null;
}

export class DocumentTemplateDto {
  @ApiProperty() id: string;
  @ApiProperty() serviceId: string;
  @ApiProperty() version: number;
  @ApiProperty() serviceVersion: number;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) numberPattern: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) createdByName: string | null;
}

export class LetterheadDto {
  @ApiProperty({ type: [String], example: ['PEMERINTAH KOTA MALANG', 'DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL'] })
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  lines: string[];
  @ApiProperty() @IsString() @MaxLength(300) address: string;
  @ApiProperty({ description: 'Telephone, e-mail, website' }) @IsString() @MaxLength(300) contact: string;
  @ApiProperty({ example: 'Malang' }) @IsString() @MinLength(2) @MaxLength(60) city: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '400.12.2.3/{seq}/35.73.301/{year}' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  numberPattern?: string | null;
  @IsOptional() opdId?: string;
  @IsOptional() id?: string;
  @IsOptional() hasLogo?: boolean;
}

export class LetterheadViewDto extends LetterheadDto {
  @ApiProperty() declare opdId: string;
  @ApiProperty() declare hasLogo: boolean;
}

const NIP = /^\d{18}$/;

export class SignatoryInputDto {
  @ApiProperty({ example: '197803152005012003', description: '18-digit NIP' })
  @IsString()
  @Matches(NIP, { message: 'must be an 18-digit NIP' })
  nip: string;
  @ApiPropertyOptional({ nullable: true, description: 'NIK registered with BSrE (16 digits)' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^\d{16}$/, { message: 'must be a 16-digit NIK' })
  nik?: string | null;
  @ApiProperty({ example: 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Malang' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  position: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Pembina Utama Muda (IV/c)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  rank?: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['plh', 'plt', 'an'] })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(['plh', 'plt', 'an'])
  acting?: 'plh' | 'plt' | 'an' | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) actingFor?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isDefault?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @IsOptional() id?: string;
  @IsOptional() fullName?: string;
  @IsOptional() opdId?: string;
}

export class CreateSignatoryDto extends SignatoryInputDto {
  @ApiProperty() @IsUUID() userId: string;
}

export class UpdateSignatoryDto extends SignatoryInputDto {
  @IsOptional() userId?: string;
}

export class SignatoryDto {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() opdId: string;
  @ApiProperty() nip: string;
  @ApiProperty({ nullable: true, type: String }) nik: string | null;
  @ApiProperty() position: string;
  @ApiProperty({ nullable: true, type: String }) rank: string | null;
  @ApiProperty({ nullable: true, enum: ['plh', 'plt', 'an'] }) acting: string | null;
  @ApiProperty({ nullable: true, type: String }) actingFor: string | null;
  @ApiProperty() isDefault: boolean;
  @ApiProperty() active: boolean;
}

export class IssuedDocumentDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() number: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['valid', 'revoked', 'superseded'] }) status: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty() sha256: string;
  @ApiProperty() size: number;
  @ApiProperty({ enum: ['personal', 'seal'] }) signatureMode: string;
  @ApiProperty({ enum: ['local', 'bsre'] }) signerKind: string;
  @ApiProperty() signerName: string;
  @ApiProperty() signerPosition: string;
  @ApiProperty() verificationCode: string;
  @ApiProperty() verificationUrl: string;
  @ApiProperty() templateVersion: number;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
  @ApiProperty({ nullable: true, type: String }) supersedesId: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededById: string | null;
}

export class CaseIssuanceDto {
  @ApiProperty({ type: [IssuedDocumentDto] }) documents: IssuedDocumentDto[];
  @ApiProperty({ nullable: true, description: 'A sign call whose outcome is unknown (penandatanganan belum pasti)', type: Object })
  signingUncertain: { at: string; signerKind: string; userName: string | null } | null;
  @ApiProperty({ description: 'Whether the caller may revoke or correct documents of this case' }) canRevoke: boolean;
  @ApiProperty({ enum: ['local', 'bsre'], description: 'Who signs personally here: asks for a password (local) or a BSrE passphrase' })
  personalSignerKind: string;
  @ApiProperty({ nullable: true, enum: ['personal', 'seal'], description: 'How a correction would be signed' }) correctionSignature:
    string | null;
}

export class RevokeDocumentDto {
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(2000) reason: string;
}

export class CorrectDocumentDto {
  @ApiProperty({ description: 'Why the document is corrected (printed in the log and on the old verify page)' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
  @ApiPropertyOptional({ description: "Only for personally signed documents: the signer's passphrase, never stored" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  passphrase?: string;
  @ApiPropertyOptional({ description: "The applicant's name as it must be printed" })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  applicantName?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Corrected form fields (only those that change)' })
  @IsOptional()
  @IsObject()
  formData?: Record<string, unknown>;
}

export class VerificationDto {
  @ApiProperty() number: string;
  @ApiProperty() title: string;
  @ApiProperty() serviceName: string;
  @ApiProperty() opdName: string;
  @ApiProperty() issuedAt: string;
  @ApiProperty() signerName: string;
  @ApiProperty() signerPosition: string;
  @ApiProperty({ enum: ['personal', 'seal'] }) signatureMode: string;
  @ApiProperty({ enum: ['local', 'bsre'] }) signerKind: string;
  @ApiProperty({ enum: ['valid', 'revoked', 'superseded'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
  @ApiProperty({ nullable: true, type: String }) replacedByNumber: string | null;
  @ApiProperty({ description: 'Masked, e.g. "Sit* Aminah"' }) applicantName: string;
  @ApiProperty() sha256: string;
  @ApiPropertyOptional({ description: "Only after an upload: whether the file's SHA-256 is the issued document's" }) fileMatches?: boolean;
}
