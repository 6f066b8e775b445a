/** Reads configuration set in serverless.yml; a missing value fails the cold start, not a request. */
export const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
};
