import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4_000,
    // Two pages: the viewer at / and our own GraphiQL at /graphiql (no CDN: it works offline).
    rollupOptions: { input: { viewer: here('index.html'), graphiql: here('graphiql/index.html') } },
  },
  // `vite` in dev mode sends API calls to a running server (VIEWER_API, default the local npm start).
  server: { fs: { allow: [here('..')] }, proxy: { '/graphql': process.env.VIEWER_API ?? 'http://127.0.0.1:4000' } },
});
