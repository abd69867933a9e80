import { applyDecorators, SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

export const IS_PUBLIC = 'isPublic';

/**
 * OpenAPI `security: []` (callable without credentials) for a route or a whole controller. On a
 * controller it is the class-level security list; on a route it goes into the operation's own
 * metadata (whichever order it meets `@ApiOperation` in), since @nestjs/swagger drops an empty
 * route-level security list.
 */
function NoSecurity(): ClassDecorator & MethodDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (!descriptor) return Reflect.defineMetadata(DECORATORS.API_SECURITY, [], target);
    const route = descriptor.value as object;
    const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, route) as Record<string, unknown> | undefined;
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security: [] }, route);
  };
}

/** Marks a route or controller that needs no staff login (health, login, citizen portal, verification). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), NoSecurity());
