/**
 * Audit rules are data: each file cypher/findings/<rule>.cypher starts with a header that names the
 * rule, its severity and its title (English and Chinese), and returns rows { entityId, detail }.
 * Adding a rule is adding a file; nothing here changes.
 */

import { type FindingQuery, isFindingQuery, loadQueries } from '../graph/cypher-queries.ts';
import { badInput } from '../graph/errors.ts';
import { SEVERITIES, type Severity } from '../schema/model.ts';

export interface FindingRule {
  id: string;
  severity: Severity;
  title: string;
  zh: string;
  description: string;
  query: FindingQuery;
}

function header(text: string, key: string): string | undefined {
  return new RegExp(`^// ${key}: (.+)$`, 'm').exec(text)?.[1]?.trim();
}

let cached: FindingRule[] | undefined;

/** Every rule in cypher/findings/, checked once: a rule file with a bad header stops the start. */
export function findingRules(): FindingRule[] {
  cached ??= [...loadQueries()]
    .filter((entry): entry is [FindingQuery, string] => isFindingQuery(entry[0]))
    .map(([name, text]) => {
      const id = name.slice('findings/'.length);
      const severity = header(text, 'severity') as Severity | undefined;
      const title = header(text, 'title');
      const zh = header(text, 'zh');
      if (header(text, 'rule') !== id || !severity || !SEVERITIES.includes(severity) || !title || !zh) {
        throw new Error(`cypher/${name}.cypher: its header must give rule: ${id}, severity (${SEVERITIES.join('|')}), title and zh`);
      }
      const description = text
        .split('\n')
        .filter((line) => line.startsWith('// ') && !/^\/\/ (rule|severity|title|zh|\$scope):/.test(line))
        .map((line) => line.slice(3))
        .join(' ');
      return { id, severity, title, zh, description, query: name };
    })
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  return cached;
}

export function selectRules(ids: readonly string[] | null | undefined, severities: readonly string[] | null | undefined): FindingRule[] {
  const all = findingRules();
  const unknown = (ids ?? []).filter((id) => !all.some((r) => r.id === id));
  if (unknown.length > 0) throw badInput('rules', `unknown rule ${unknown.join(', ')}; known: ${all.map((r) => r.id).join(', ')}`);
  return all.filter((r) => (!ids || ids.includes(r.id)) && (!severities || severities.includes(r.severity)));
}

// Read when this module is first imported, which the server does at start (the audit service imports
// it): a rule file with a bad header stops the start, not the first audit.
findingRules();
