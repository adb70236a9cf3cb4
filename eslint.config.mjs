import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypeScript,
  { ignores: ["generated/**", "sdk/dist/**", ".next/**", ".next-*/**", "data/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      // Unused names are allowed when prefixed with _ (destructuring to drop fields).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  // The direction of imports (docs/architecture.md; lib/architecture.test.ts checks cycles too).
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/components/*", "**/app/**", "**/components/**"], message: "lib/ is below app/ and components/: move the shared code into lib/ instead." }] }] },
  },
  {
    files: ["lib/base/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/*", "!@/lib/", "@/lib/*", "!@/lib/base", "../*"], message: "lib/base is the bottom layer: it imports no domain folder, no lib/env or lib/log, no app/ or components/." }] }],
    },
  },
  {
    // Pages, layouts and components read data through lib/ functions, which authorize; never the client directly.
    files: ["app/**/*.tsx", "components/**"],
    rules: { "no-restricted-imports": ["error", { paths: [{ name: "@/lib/db/client", message: "Read through a lib/ function that checks the caller's rights." }], patterns: [{ group: ["@/generated/*", "**/generated/*/client", "@prisma/client", "@prisma/client/*"], message: "Pages and components never touch the database client." }] }] },
  },
  {
    // Tests poke at parsed JSON bodies; typing every shape there buys nothing.
    files: ["**/*.test.ts", "test-support/**", "e2e/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-unused-expressions": "off" },
  },
];

export default config;
