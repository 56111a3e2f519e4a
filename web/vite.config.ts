// Vite config for the web shell (citizen portal + back office). Run from the repo root:
// `vite build --config web/vite.config.ts`; paths resolve from this file, not the cwd.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.MOTCUA_API_URL ?? "http://127.0.0.1:3000";
const proxy = {
  "/api": { target: apiTarget, changeOrigin: false },
  "/healthz": { target: apiTarget, changeOrigin: false },
  "/docs": { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  root: webRoot,
  base: "/",
  publicDir: fileURLToPath(new URL("./public", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // The shared antd chunk is ~430 kB raw; the back office is split off with React.lazy.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React and the router change rarely: a separate chunk stays cached across releases.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: "vendor", test: /node_modules/, minShareCount: 2 },
          ],
        },
      },
    },
  },
  // The web app imports pure domain modules from src/ (e.g. process arithmetic): allow the repo root.
  server: { proxy, fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
  preview: { proxy },
});
