/**
 * GraphiQL served from our own bundle (no CDN), opening with one tab per example query in examples/:
 * the users' questions from DOMAIN.md, which the tests run so they never rot. Requests carry the
 * viewer's sign-in token (sessionStorage, see web/src/auth.ts): sign in on the viewer first, or put
 * `{"Authorization": "Bearer …"}` in GraphiQL's headers tab.
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { authHeaders } from '../src/auth.ts';

const examples = import.meta.glob('../../examples/*.graphql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const defaultTabs = Object.entries(examples)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, query]) => ({ query }));

/** fetch with the token read at each request, so signing in on the viewer needs no reload here. */
const signedFetch: typeof fetch = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) } });

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher: createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString(), fetch: signedFetch }),
      defaultTabs,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
}
