// Imported first by the property tests, before configuration is read and
// cached: thousands of requests from one agent must reach the body reader,
// not the rate limiter.
process.env.RATE_LIMIT_PER_MINUTE = "100000000";
export {};
