import { NotificationChoiceDto } from '../../cases/dto/case.dto';

/** PUT /api/cases/:id/notification-consent: the same choice as at intake, changed later at the counter. */
export class NotificationConsentDto extends NotificationChoiceDto {}
