import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class CreateWorkflowDto {
  @ApiProperty({ description: 'A WorkflowDefinition (libs/workflow): key, version, name, initial, states' })
  @IsObject()
  definition: Record<string, unknown>;
}

export class WorkflowView {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) definition: Record<string, unknown>;
}
