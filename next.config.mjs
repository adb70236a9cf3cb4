/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and driver packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "@cedar-policy/cedar-wasm"],
  // A separate build folder per concurrent build (e.g. NEXT_DIST_DIR=.next-e2e); .next by default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  typedRoutes: false,
  // A private approval queue: no page belongs in a search index (public/robots.txt says the same to polite crawlers).
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] }];
  },
};

export default nextConfig;
