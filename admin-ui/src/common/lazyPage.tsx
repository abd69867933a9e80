import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { Loading } from 'react-admin';

/** Route-level code splitting: the page's chunk loads on first visit. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): ComponentType {
  const Page = lazy(load);
  function LazyPage() {
    return <Suspense fallback={<Loading />}>{createElement(Page)}</Suspense>;
  }
  return LazyPage;
}
