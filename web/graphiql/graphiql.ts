/**
 * GraphiQL served from our own bundle (no CDN), opening with one tab per example query in examples/:
 * the users' questions from DOMAIN.md, which the tests run so they never rot.
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const examples = import.meta.glob('../../examples/*.graphql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const defaultTabs = Object.entries(examples)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, query]) => ({ query }));

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher: createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).toString() }),
      defaultTabs,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    }),
  );
}
