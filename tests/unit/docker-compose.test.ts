/**
 * docker-compose.yml cannot run here (no Docker engine), so its structure is checked instead: the
 * official image, a named volume for /data, a healthcheck with cypher-shell, and the app waiting for
 * Neo4j to be healthy and pointed at it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const compose = parse(readFileSync('docker-compose.yml', 'utf8'));

describe('docker-compose.yml', () => {
  it('runs Neo4j 5.26 Community with a healthcheck and named volumes', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.environment.NEO4J_AUTH).toMatch(/^neo4j\//);
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['neo4j-data', 'neo4j-logs']));
    expect(neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(neo4j.healthcheck.test.join(' ')).toContain('RETURN 1');
  });

  it('starts the app only when Neo4j is healthy, and points it at Neo4j', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.depends_on.neo4j.condition).toBe('service_healthy');
    expect(app.environment.NEO4J_URI).toBe('neo4j://neo4j:7687');
    expect(app.environment.HOST).toBe('0.0.0.0');
  });

  it('has a Dockerfile on Node 24 that runs the compiled server (the same entry point as npm start)', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(dockerfile.match(/^FROM node:24-bookworm-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev/m);
    // npm start compiles to dist/ and runs the same entry point the image runs, from dist/ laid over /app.
    expect(pkg.scripts.start).toMatch(/node dist\/server\/main\.js$/);
    expect(dockerfile).toContain('COPY --from=build /app/dist/ ./');
    expect(dockerfile).toContain('CMD ["node", "server/main.js"]');
  });
});
