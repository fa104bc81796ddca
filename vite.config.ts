import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The browser twin: the same kernel and model as the CLI, run in a Web Worker.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist', target: 'es2022' },
});
