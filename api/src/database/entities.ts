import { RefreshToken } from '../auth/refresh-token.entity';
import { CaseEventEntity } from '../cases/case-event.entity';
import { CaseEntity } from '../cases/case.entity';
import { PersonalDataAccess } from '../cases/personal-data-access.entity';
import { CaseDocumentEntity } from '../documents/case-document.entity';
import { Holiday } from '../holidays/holiday.entity';
import { Opd } from '../opds/opd.entity';
import { OutboxMessage } from '../outbox/outbox-message.entity';
import { IdempotencyKey } from '../public-portal/idempotency-key.entity';
import { ServiceRow, ServiceVersion } from '../services/service.entity';
import { User } from '../users/user.entity';
import { WorkflowDefinitionRow } from '../workflows/workflow-definition.entity';

export const ENTITIES = [
  Opd,
  User,
  RefreshToken,
  WorkflowDefinitionRow,
  ServiceRow,
  ServiceVersion,
  Holiday,
  CaseEntity,
  CaseEventEntity,
  PersonalDataAccess,
  CaseDocumentEntity,
  OutboxMessage,
  IdempotencyKey,
];
