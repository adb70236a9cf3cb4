// Imported first by the agent rate-limit test, before configuration is read and cached.
process.env.AGENT_RATE_LIMIT_PER_MINUTE = "3";
process.env.WEBHOOK_REGISTRATION_RATE_LIMIT_PER_MINUTE = "2";
process.env.TOKEN_VERIFY_RATE_LIMIT_PER_MINUTE = "2";
process.env.OPENAPI_RATE_LIMIT_PER_MINUTE = "2";
export {};
