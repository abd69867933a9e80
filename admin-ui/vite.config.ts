import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@layanan/contracts': here('../libs/contracts/src/index.ts'),
      '@layanan/authz': here('../libs/authz/src/index.ts'),
      '@layanan/workflow': here('../libs/workflow/src/index.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      // The console only reads workflow *data* (state labels) from @layanan/workflow; its
      // pure modules and xstate have no import-time effects, so let unused code drop out;
      // likewise the template validator and Handlebars, which the portal never uses.
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/[\\/](libs[\\/]workflow[\\/]src|node_modules[\\/]xstate|node_modules[\\/]handlebars)[\\/]/.test(id) &&
          !/[\\/]libs[\\/]contracts[\\/]src[\\/]notifications\.ts$/.test(id),
      },
      input: {
        console: here('index.html'),
        portal: here('portal/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
