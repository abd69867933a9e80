import { useQuery } from '@tanstack/react-query';
import type { WorkflowVersionView } from '@layanan/workflow';
import { useLocale, useTranslate } from 'react-admin';
import { versionLabel, workflowsApi } from './api';

/** Every published workflow version by 'key@version', and its human label ("Standar · versi 1"). */
export function useWorkflowVersions(): { byId: Map<string, WorkflowVersionView>; label: (key: string, version: number) => string } {
  const translate = useTranslate();
  const lang = useLocale() === 'en' ? 'en' : 'id';
  const { data = [] } = useQuery({ queryKey: ['workflows', 'versions'], queryFn: () => workflowsApi.versions(), staleTime: 60_000 });
  const byId = new Map(data.map((v) => [`${v.key}@${v.version}`, v]));
  return {
    byId,
    label: (key, version) => {
      const v = byId.get(`${key}@${version}`);
      return v ? versionLabel(v, lang, translate) : translate('lt.designer.label_version', { name: key, n: version });
    },
  };
}
