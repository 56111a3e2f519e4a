// Vite config for the web shell (citizen portal + back office). Run from the repo root:
// `vite build --config web/vite.config.ts`; paths resolve from this file, not the cwd.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.MOTCUA_API_URL ?? "http://127.0.0.1:3000";
const proxy = {
  "/api": { target: apiTarget, changeOrigin: false },
  "/healthz": { target: apiTarget, changeOrigin: false },
  "/docs": { target: apiTarget, changeOrigin: false },
};

/**
 * Writes .vite/chunk-modules.json (chunk file → the source modules in it, relative to the repo), so
 * scripts/bundle-size.mjs can prove that no back-office module is in the portal's first load.
 */
function chunkModules(): Plugin {
  const repoRoot = fileURLToPath(new URL("..", import.meta.url));
  return {
    name: "motcua-chunk-modules",
    apply: "build",
    generateBundle(_options, bundle) {
      const modules: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        modules[output.fileName] = output.moduleIds.map((id) =>
          id.startsWith(repoRoot) ? id.slice(repoRoot.length) : id,
        );
      }
      this.emitFile({
        type: "asset",
        fileName: ".vite/chunk-modules.json",
        source: JSON.stringify(modules, null, 1),
      });
    },
  };
}

/**
 * Writes a .br (brotli, quality 11) and a .gz (gzip -9) twin of every text file of the build over
 * 1 KB; the server sends the one the browser accepts (@fastify/static `preCompressed`), so the
 * app needs no compression at request time.
 */
function precompress(): Plugin {
  const TEXT = /\.(js|css|html|svg|json|txt|map)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === ".vite" ? [] : walk(full);
      return TEXT.test(entry.name) ? [full] : [];
    });
  return {
    name: "motcua-precompress",
    apply: "build",
    writeBundle(options) {
      if (!options.dir) return;
      for (const file of walk(options.dir)) {
        if (statSync(file).size < 1024) continue;
        const content = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 11,
              [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig(({ command }) => ({
  // A build is a production build whatever NODE_ENV the caller has: vitest sets "test", and the e2e
  // setup and `npm start` build from inside such processes. React and antd would otherwise ship
  // their development builds (react 465 KB instead of 258 KB, several times the main-thread work).
  define: command === "build" ? { "process.env.NODE_ENV": JSON.stringify("production") } : {},
  root: webRoot,
  base: "/",
  publicDir: fileURLToPath(new URL("./public", import.meta.url)),
  plugins: [react(), chunkModules(), precompress()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // .vite/manifest.json: scripts/bundle-size.mjs measures the portal's initial JS from it.
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // React and the router change rarely: a separate chunk stays cached across releases.
        codeSplitting: {
          groups: [{ name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ }],
        },
      },
    },
  },
  // The web app imports pure domain modules from src/ (e.g. process arithmetic): allow the repo root.
  server: { proxy, fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
  preview: { proxy },
}));
