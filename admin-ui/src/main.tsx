import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { App } from './App';

// Our own router, with navigation outside React transitions. With react-admin's default
// router every navigation is a transition; opening any page without a session, the
// requireAuth redirect (LogoutOnMount: logout, navigate to #/login, clear the query cache)
// re-rendered the old page urgently, which mounted LogoutOnMount again before the
// navigation could commit: thousands of pushState('#/login') and a blank page for 13-17 s
// (issue 14, item 1). Synchronous navigation commits at once.
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <HashRouter useTransitions={false}>
      <App />
    </HashRouter>
  </StrictMode>,
);
