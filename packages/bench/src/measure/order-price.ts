import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Each packaged function's configured memory (MB), from the `sls package` run in `workDir`. */
export const packagedMemoryMb = (workDir: string): Record<string, number> => {
  const { service } = JSON.parse(readFileSync(join(workDir, 'package', 'serverless-state.json'), 'utf8')) as {
    service: { provider: { memorySize?: number }; functions: Record<string, { memorySize?: number }> };
  };
  return Object.fromEntries(
    Object.entries(service.functions).map(([name, fn]) => [name, fn.memorySize ?? service.provider.memorySize ?? 1024]),
  );
};
