import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const REQUIREMENT_KEY = /^[a-z0-9-]{1,40}$/;

/** Text fields of the multipart upload; the file part is `file`. */
export class UploadDocumentDto {
  @ApiProperty({ example: 'kk', description: "Key of a document requirement of the case's service version" })
  @IsString()
  @Matches(REQUIREMENT_KEY, { message: 'must be a requirement key like "kk"' })
  requirementKey: string;
}

/** OpenAPI schema of the multipart body (Swagger cannot derive the binary part from a class). */
export const UPLOAD_DOCUMENT_BODY = {
  schema: {
    type: 'object',
    required: ['requirementKey', 'file'],
    properties: {
      requirementKey: { type: 'string', example: 'kk' },
      file: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or WebP; at most UPLOAD_MAX_BYTES (10 MB by default)' },
    },
  },
};

export class CheckDocumentDto {
  @ApiProperty({ enum: ['valid', 'invalid'], description: 'Sesuai / Tidak Sesuai' })
  @IsIn(['valid', 'invalid'])
  status: 'valid' | 'invalid';

  @ApiPropertyOptional({ description: 'Required when invalid: what the applicant must fix' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
