import { join } from 'node:path';
import { coldImportSection } from '../cold-import';
import { costSection } from '../cost-per-order';
import { localStackSections } from '../local-stack';
import type { BenchmarkSection } from '../report';
import { scaleSection } from '../scale';
import { warmOverheadSection } from '../warm-overhead';
import { measureColdImports } from './cold-import';
import { measureOrderCost } from './cost-per-order';
import { measureLocalStack } from './local-stack';
import { measureScale } from './scale';
import { measureWarmOverhead } from './warm-overhead';

/** Every benchmark, one after the other so none disturbs another's timings. */
export const measureEverything = async (workDir: string, log: (line: string) => void): Promise<BenchmarkSection[]> => {
  const coldImports = await measureColdImports(workDir, log);
  const bundleOf = (name: string) => join(workDir, 'bundles', `${name}.js`);
  log('warm overhead: GET /orders/{orderId} and POST /orders against their floors…');
  const warm = await measureWarmOverhead({ getOrder: bundleOf('getOrder'), createOrder: bundleOf('createOrder') });
  const cost = await measureOrderCost(log);
  const scale = await measureScale(log);
  const localStack = await measureLocalStack(log);
  return [
    coldImportSection(coldImports),
    warmOverheadSection(warm),
    costSection(cost),
    scaleSection(scale),
    localStackSections(localStack),
  ];
};
