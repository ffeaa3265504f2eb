// Builds the throwaway graph harness (e2e/graph-harness) into /tmp, never into the app's dist/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // As in the app: the layout runs in a module worker.
  worker: { format: 'es' },
  build: {
    outDir: process.env.HARNESS_OUT ?? '/tmp/recplay-graph-harness',
    emptyOutDir: true,
    target: 'es2022',
  },
});
