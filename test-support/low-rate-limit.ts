// Imported first by the rate-limit test, before configuration is read and cached.
process.env.RATE_LIMIT_PER_MINUTE = "3";
export {};
