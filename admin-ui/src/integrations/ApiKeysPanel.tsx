import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ApiKeyScope, ApiKeyView, WebhookSubscriberView } from '@layanan/contracts';
import { useCallback, useEffect, useState } from 'react';
import { Confirm, useGetList, useLocale, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useNotifyError } from '../common/errors';
import { formatDateTime } from '../common/format';
import { useBusyAction } from '../common/useBusyAction';
import { integrationsApi } from './api';
import { scopeChoices, scopeKey } from './choices';
import { OneTimeSecret } from './OneTimeSecret';
import { Section } from './Section';

interface OpdOption {
  id: string;
  name: string;
  active: boolean;
}

function NewKeyForm({ subscriberId, opds, onCreated }: { subscriberId: string; opds: OpdOption[]; onCreated: (key: ApiKeyView) => void }) {
  const translate = useTranslate();
  const [name, setName] = useState('');
  const [opdId, setOpdId] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const { busy, run } = useBusyAction();
  const valid = name.trim().length >= 2 && opdId !== '' && scopes.length > 0;
  const create = () =>
    run(async () => {
      onCreated(await integrationsApi.createApiKey({ subscriberId, name: name.trim(), scopes, opdId }));
      setName('');
      setScopes([]);
    });
  return (
    <Stack spacing={1} sx={{ mt: 2 }} data-testid="api-key-form">
      <Typography variant="subtitle2">{translate('lt.integrations.new_key')}</Typography>
      <Stack direction="row" spacing={2}>
        <MuiTextField
          size="small"
          label={translate('lt.integrations.key_name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 80, 'data-testid': 'api-key-name' } }}
        />
        <MuiTextField
          select
          size="small"
          sx={{ minWidth: 280 }}
          label={translate('lt.integrations.key_opd')}
          value={opdId}
          onChange={(e) => setOpdId(e.target.value)}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'api-key-opd' } as object } }}
        >
          {opds.map((o) => (
            <MenuItem key={o.id} value={o.id} data-testid={`api-key-opd-${o.id}`}>
              {o.name}
            </MenuItem>
          ))}
        </MuiTextField>
      </Stack>
      <FormGroup row>
        {scopeChoices.map((s) => (
          <FormControlLabel
            key={s.id}
            label={translate(s.name)}
            control={
              <Checkbox
                checked={scopes.includes(s.id)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, s.id] : scopes.filter((x) => x !== s.id))}
                slotProps={{ input: { 'data-testid': `api-key-scope-${s.id}` } as object }}
              />
            }
          />
        ))}
      </FormGroup>
      <div>
        <Button variant="outlined" disabled={!valid || busy} onClick={() => void create()} data-testid="api-key-create">
          {translate('lt.integrations.create_key')}
        </Button>
      </div>
    </Stack>
  );
}

/** A partner's integration API keys: scopes and OPD, last use, revoke; a new key is shown once. */
export function ApiKeysPanel() {
  const r = useRecordContext<WebhookSubscriberView>();
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const { data: opds = [] } = useGetList<OpdOption>('opds', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const [keys, setKeys] = useState<ApiKeyView[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const id = r?.id;
  const load = useCallback(async () => {
    if (!id) return;
    try {
      setKeys(await integrationsApi.apiKeys(id));
    } catch (e) {
      notifyError(e);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!r) return null;
  const revoke = async (key: ApiKeyView) => {
    setRevoking(null);
    try {
      await integrationsApi.revokeApiKey(key.id);
      notify('lt.integrations.revoked', { type: 'success' });
      await load();
    } catch (e) {
      notifyError(e);
    }
  };
  const opdName = (opdId: string) => opds.find((o) => o.id === opdId)?.name ?? opdId.slice(0, 8);
  return (
    <Section title="lt.integrations.api_keys" testId="subscriber-api-keys">
      {keys.length === 0 ? (
        <Typography variant="body2">{translate('lt.integrations.no_keys')}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('lt.integrations.key_name')}</TableCell>
              <TableCell>{translate('lt.integrations.key_prefix')}</TableCell>
              <TableCell>{translate('lt.integrations.key_scopes')}</TableCell>
              <TableCell>{translate('lt.integrations.key_opd')}</TableCell>
              <TableCell>{translate('lt.integrations.key_created')}</TableCell>
              <TableCell>{translate('lt.integrations.key_last_used')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {keys.map((k) => (
              <TableRow key={k.id} data-testid="api-key-row" data-revoked={k.revokedAt ? 'true' : 'false'}>
                <TableCell>{k.name}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{k.prefix}…</TableCell>
                <TableCell>
                  <Stack direction="row" spacing={0.5}>
                    {k.scopes.map((s) => (
                      <Chip key={s} size="small" label={translate(scopeKey(s))} />
                    ))}
                  </Stack>
                </TableCell>
                <TableCell>{opdName(k.opdId)}</TableCell>
                <TableCell>{formatDateTime(k.createdAt, locale)}</TableCell>
                <TableCell>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : '—'}</TableCell>
                <TableCell>
                  {k.revokedAt ? (
                    <Chip
                      size="small"
                      color="default"
                      label={translate('lt.integrations.revoked_at', { at: formatDateTime(k.revokedAt, locale) })}
                    />
                  ) : (
                    <Button size="small" color="error" onClick={() => setRevoking(k)} data-testid="api-key-revoke">
                      {translate('lt.integrations.revoke')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <NewKeyForm
        subscriberId={r.id}
        opds={opds.filter((o) => o.active)}
        onCreated={(k) => {
          setShown(k.key ?? '');
          void load();
        }}
      />
      <Confirm
        isOpen={revoking !== null}
        title="lt.integrations.revoke"
        content="lt.integrations.revoke_confirm"
        translateOptions={{ name: revoking?.name ?? '' }}
        onConfirm={() => revoking && void revoke(revoking)}
        onClose={() => setRevoking(null)}
      />
      <OneTimeSecret title="lt.integrations.key_title" value={shown} onClose={() => setShown(null)} />
    </Section>
  );
}
