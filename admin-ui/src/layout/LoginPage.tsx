import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { LocalesMenuButton, useLogin, useTranslate } from 'react-admin';
import { useErrorText } from '../common/errors';

export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ username: username.trim(), password });
    } catch (err) {
      setError(err ?? new Error('login'));
      setBusy(false);
    }
  };
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'grey.100', p: 2 }}>
      <Card sx={{ width: '100%', maxWidth: 400 }}>
        <CardContent>
          <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LocalesMenuButton />
          </Box>
          <Typography variant="h5" component="h1">
            {translate('lt.app.title')}
          </Typography>
          <Typography variant="subtitle1" color="text.secondary" gutterBottom>
            {translate('lt.app.subtitle')}
          </Typography>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <MuiTextField
              label={translate('ra.auth.username')}
              name="username"
              autoComplete="username"
              autoFocus
              fullWidth
              margin="normal"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'login-username' } }}
            />
            <MuiTextField
              label={translate('ra.auth.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              fullWidth
              margin="normal"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'login-password' } }}
            />
            {error !== null && (
              <Alert severity="error" sx={{ mt: 1 }} data-testid="login-error">
                {errorText(error)}
              </Alert>
            )}
            <Button
              type="submit"
              variant="contained"
              fullWidth
              sx={{ mt: 2 }}
              disabled={busy || !username || !password}
              data-testid="login-submit"
            >
              {translate('ra.auth.sign_in')}
            </Button>
          </form>
        </CardContent>
      </Card>
    </Box>
  );
}
