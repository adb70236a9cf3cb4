// Command-line scripts read .env like Next.js does (Next loads it by itself).
// Variables already set in the environment win.
try {
  process.loadEnvFile(".env");
} catch {
  // no .env: nothing to load
}
export {};
