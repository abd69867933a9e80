import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AppAction, AppSubjectType } from '@layanan/authz';

export const REQUIRED_ABILITY = 'requiredAbility';
export interface RequiredAbility {
  action: AppAction;
  subject: AppSubjectType;
}

/**
 * Route-level permission: the caller must be able to do `action` on some `subject`
 * (CASL type-level check). Record-level checks happen in the service.
 */
export const Can = (action: AppAction, subject: AppSubjectType) =>
  applyDecorators(
    SetMetadata(REQUIRED_ABILITY, { action, subject } satisfies RequiredAbility),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not logged in or session ended' }),
    ApiForbiddenResponse({ description: 'The caller lacks this permission' }),
  );
