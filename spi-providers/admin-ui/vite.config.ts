import react from "@vitejs/plugin-react-swc";
import { defineConfig } from "vite";

// Output lands directly in the provider JAR's theme folder (Maven picks it up from target/classes).
export default defineConfig({
  base: "",
  plugins: [react()],
  build: {
    outDir: "../target/classes/theme/nhi-guard/admin/resources",
    emptyOutDir: true,
    target: "esnext",          // top-level await in main.tsx
    modulePreload: false,
    manifest: true,            // Keycloak reads resources/.vite/manifest.json (entryScript/entryStyles)
    sourcemap: false,
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      input: "src/main.tsx",
      // served by index.ftl's importmap from ${resourceCommonUrl}/vendor/...
      external: ["react", "react/jsx-runtime", "react-dom"],
    },
  },
});
