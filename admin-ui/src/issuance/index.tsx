import Button from '@mui/material/Button';
import DescriptionIcon from '@mui/icons-material/Description';
import { Route } from 'react-router';
import { Link } from 'react-router';
import { useRecordContext, useTranslate, type ResourceProps } from 'react-admin';
import { lazyPage } from '../common/lazyPage';
import { SignatoryCreate, SignatoryEdit, SignatoryList } from './Signatories';

const TemplateEditor = lazyPage(() => import('./TemplateEditor'));
const LetterheadEdit = lazyPage(() => import('./LetterheadEdit'));

export const signatories: ResourceProps = {
  name: 'signatories',
  list: SignatoryList,
  create: SignatoryCreate,
  edit: SignatoryEdit,
  options: { label: 'lt.issuance.signatories' },
  recordRepresentation: 'fullName',
};

/** The console routes of issuance (inside <CustomRoutes>). */
export const issuanceRoutes = [
  <Route key="template" path="/services/:id/template" element={<TemplateEditor />} />,
  <Route key="letterhead" path="/opds/:id/letterhead" element={<LetterheadEdit />} />,
];

/** A link from a record's edit page to one of the issuance editors. */
function EditorLink({ to, label, testId }: { to: (id: string) => string; label: string; testId: string }) {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Button component={Link} to={to(record.id)} startIcon={<DescriptionIcon />} variant="outlined" sx={{ mb: 2 }} data-testid={testId}>
      {translate(label)}
    </Button>
  );
}

export const TemplateLink = () => (
  <EditorLink to={(id) => `/services/${id}/template`} label="lt.issuance.template.link" testId="template-link" />
);
export const LetterheadLink = () => (
  <EditorLink to={(id) => `/opds/${id}/letterhead`} label="lt.issuance.letterhead.link" testId="letterhead-link" />
);
