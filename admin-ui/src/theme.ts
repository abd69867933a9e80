import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: { main: '#0d47a1' }, secondary: { main: '#00695c' } },
  sidebar: { width: 230, closedWidth: 55 },
};
