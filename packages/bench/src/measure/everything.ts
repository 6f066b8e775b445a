import { join } from 'node:path';
import { coldImportSection } from '../cold-import';
import { costSection } from '../cost-per-order';
import type { BenchmarkSection } from '../report';
import { scaleSection } from '../scale';
import { startTimeSection } from '../start-time';
import { throughputSection } from '../throughput';
import { warmOverheadSection } from '../warm-overhead';
import { measureColdImports } from './cold-import';
import { measureOrderCost } from './cost-per-order';
import { measureScale } from './scale';
import { measureStartTime } from './start-time';
import { measureThroughput } from './throughput';
import { measureWarmOverhead } from './warm-overhead';

/** The sections `--only` can name, in the order they run. */
export const SECTION_NAMES = ['cold-import', 'warm', 'cost', 'scale', 'start', 'throughput'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface BenchOptions {
  /** Run these sections only (all when absent). */
  readonly only?: ReadonlySet<SectionName>;
  /** The checkout the local throughput is compared with (measure/throughput.ts). */
  readonly baselineRef?: string;
}

/** Every benchmark (or those `only` names), one after the other so none disturbs another's timings. */
export const measureEverything = async (
  workDir: string,
  log: (line: string) => void,
  { only, baselineRef }: BenchOptions = {},
): Promise<BenchmarkSection[]> => {
  const runs = (name: SectionName) => !only || only.has(name);
  const sections: BenchmarkSection[] = [];
  if (runs('cold-import') || runs('warm')) {
    const coldImports = await measureColdImports(workDir, log);
    if (runs('cold-import')) sections.push(coldImportSection(coldImports));
    if (runs('warm')) {
      const bundleOf = (name: string) => join(workDir, 'bundles', `${name}.js`);
      log('warm overhead: GET /orders/{orderId} and POST /orders against their floors…');
      const warm = await measureWarmOverhead({ getOrder: bundleOf('getOrder'), createOrder: bundleOf('createOrder') });
      sections.push(warmOverheadSection(warm));
    }
  }
  if (runs('cost')) sections.push(costSection(await measureOrderCost(log)));
  if (runs('scale')) sections.push(scaleSection(await measureScale(log)));
  if (runs('start')) sections.push(startTimeSection(await measureStartTime(log)));
  if (runs('throughput')) sections.push(throughputSection(await measureThroughput(log, { baselineRef })));
  return sections;
};
