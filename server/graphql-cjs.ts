/**
 * graphql-js as Mercurius sees it. Mercurius is CommonJS and loads graphql's CommonJS build; graphql
 * refuses types and rules from its ES module build ("from another module or realm"). Code that walks
 * Mercurius's schema or adds validation rules loads graphql, and the rule packages, the same way.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const graphql = require('graphql') as typeof import('graphql');
export const armor = {
  ...(require('@escape.tech/graphql-armor-max-depth') as typeof import('@escape.tech/graphql-armor-max-depth')),
  ...(require('@escape.tech/graphql-armor-cost-limit') as typeof import('@escape.tech/graphql-armor-cost-limit')),
  ...(require('@escape.tech/graphql-armor-max-aliases') as typeof import('@escape.tech/graphql-armor-max-aliases')),
  ...(require('@escape.tech/graphql-armor-max-directives') as typeof import('@escape.tech/graphql-armor-max-directives')),
  ...(require('@escape.tech/graphql-armor-max-tokens') as typeof import('@escape.tech/graphql-armor-max-tokens')),
};
