import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no staff login (health, login, citizen portal). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
