import { SetMetadata } from '@nestjs/common';
import type { AuthContext } from './auth-context';

export const API_KEY_ROUTE = 'apiKeyRoute';
/** Marks a route that integration API keys may call (alongside staff tokens). */
export const AcceptsApiKey = () => SetMetadata(API_KEY_ROUTE, true);

/** Integration API keys look like `ltk_<base62>`; anything else in a Bearer header is a JWT. */
export const API_KEY_PREFIX = 'ltk_';

/** Provided by the integrations feature: resolves a presented key to its caller, or null. */
export abstract class ApiKeyAuthenticator {
  abstract authenticate(key: string): Promise<AuthContext | null>;
}
