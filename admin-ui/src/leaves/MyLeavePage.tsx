import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { LeavePanel } from './LeavePanel';

/** "Cuti saya": the signed-in user's own leave. */
export default function MyLeavePage() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  return (
    <>
      <Title title={translate('lt.leaves.my_title')} />
      {identity?.id ? <LeavePanel userId={String(identity.id)} own /> : null}
    </>
  );
}
