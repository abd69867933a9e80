import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsUUID } from 'class-validator';

export class ReuseDocumentDto {
  @ApiProperty({ description: "A verified KTP/KK of the applicant's other application (GET …/applicant, verifiedDocuments)" })
  @IsUUID()
  sourceDocumentId: string;

  @ApiProperty({ description: 'The applicant agreed to reuse the document for this application', enum: [true] })
  @Equals(true, { message: 'must be true: the applicant has to agree to the reuse' })
  consent: true;
}
