import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../graph/config.ts';

describe('configuration', () => {
  it('defaults to the embedded Neo4j on 7687 and the API on 4000', () => {
    const config = loadConfig({});
    expect(config.NEO4J_URI).toBeUndefined();
    expect(config.NEO4J_BOLT_PORT).toBe(7687);
    expect(config.PORT).toBe(4000);
  });

  it('names the setting at fault and the reason', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://x' })).toThrow(/NEO4J_URI: must be a neo4j:\/\//);
    expect(() => loadConfig({ NEO4J_PASSWORD: 'short' })).toThrow(/NEO4J_PASSWORD: must have at least 8/);
  });

  it('accepts cluster and Aura URIs', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abcd.databases.neo4j.io' }).NEO4J_URI).toBe('neo4j+s://abcd.databases.neo4j.io');
  });
});
