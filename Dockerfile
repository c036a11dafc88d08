# The API + viewer, for docker-compose.yml. Neo4j runs in its own container (NEO4J_URI is set), so this
# image needs no JDK. Two stages: the first compiles the TypeScript and builds the viewer; the second
# holds only compiled JavaScript, production dependencies and the files the server reads at run time,
# laid out where the sources were (the server finds cypher/, schema/ and web/dist/ from the project root,
# graph/project-root.ts: the folder that holds package.json and cypher/).
# tests/process/production-build.int.test.ts replays this stage's COPY lines and starts the result.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run compile

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/ ./
COPY --from=build /app/web/dist/ ./web/dist/
COPY cypher/ ./cypher/
COPY schema/ ./schema/
COPY data/seed/ ./data/seed/
COPY data/sources/ ./data/sources/
COPY examples/ ./examples/
RUN mkdir -p .data && chown node:node .data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD node -e "fetch('http://127.0.0.1:4000/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server/main.js"]
