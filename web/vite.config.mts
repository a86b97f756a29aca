/**
 * The web UI's build. `ONETHING_WEB_TARGET=aws` builds the AWS variant: no dev sign-in page
 * (its code is dropped, not hidden) and OIDC (Cognito hosted login with PKCE) configured at run
 * time from `/config.json`. The local variant is served by `npm start` on the API's origin.
 */
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const target = process.env.ONETHING_WEB_TARGET === 'aws' ? 'aws' : 'local';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [vue()],
  define: {
    __ONETHING_TARGET__: JSON.stringify(target),
  },
  build: {
    // Separate folders: `npm start` serves dist/, the CDK app deploys dist-aws/ (infra/constructs/web.ts).
    outDir: target === 'aws' ? 'dist-aws' : 'dist',
    emptyOutDir: true,
    // Keeps each page's code in its own chunk: the citizen catalog loads no staff page or chart.
    chunkSizeWarningLimit: 600,
    sourcemap: false,
  },
  server: { port: 5173, proxy: { '/v1': `http://127.0.0.1:${process.env.ONETHING_API_PORT ?? '3000'}` } },
});
