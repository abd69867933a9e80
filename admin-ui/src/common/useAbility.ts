import { usePermissions } from 'react-admin';
import type { AppAbility } from '@layanan/authz';

/** The CASL ability that authProvider.getPermissions returns (null while loading). */
export function useAbility(): AppAbility | null {
  const { permissions } = usePermissions<AppAbility | null>();
  return permissions ?? null;
}
