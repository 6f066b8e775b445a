import { loadavg } from 'node:os';
import { join } from 'node:path';
import { coldImportSection } from '../cold-import';
import { costSection } from '../cost-per-order';
import { orderPriceSection } from '../order-price';
import { peerSection } from '../peer';
import type { BenchmarkSection } from '../report';
import { scaleSection } from '../scale';
import { stockSection } from '../stock';
import { startTimeSection } from '../start-time';
import { throughputSection } from '../throughput';
import { warmOverheadSection } from '../warm-overhead';
import { measureColdImports } from './cold-import';
import { measureOrderCost } from './cost-per-order';
import { packagedMemoryMb } from './order-price';
import { measurePeer } from './peer';
import { measureScale } from './scale';
import { measureStartTime } from './start-time';
import { measureFlashSale } from './flash-sale';
import { measureStockCost } from './stock';
import { measureThroughput } from './throughput';
import { measureWarmOverhead } from './warm-overhead';

/** The sections `--only` can name, in the order they run. */
export const SECTION_NAMES = [
  'cold-import',
  'peer',
  'warm',
  'cost',
  'price',
  'scale',
  'stock',
  'start',
  'throughput',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface BenchOptions {
  /** Run these sections only (all when absent). */
  readonly only?: ReadonlySet<SectionName>;
  /** The checkout the local throughput is compared with (measure/throughput.ts). */
  readonly baselineRef?: string;
}

type Runs = (name: SectionName) => boolean;

/** The bundles' sections: their cold imports, the peer build, the warm overhead. */
const measureBundles = async (workDir: string, log: (line: string) => void, runs: Runs) => {
  const sections: BenchmarkSection[] = [];
  const bundleOf = (name: string) => join(workDir, 'bundles', `${name}.js`);
  // The price needs the peer's figures, so it runs the bundles and the peer when asked alone.
  if (runs('cold-import') || runs('warm') || runs('peer') || runs('price')) {
    const loadBefore = loadavg()[0] as number;
    const coldImports = await measureColdImports(workDir, log);
    const coldImportLoad = [loadBefore, loadavg()[0] as number] as const;
    if (runs('cold-import')) sections.push(coldImportSection(coldImports, coldImportLoad));
  }
  const peer =
    runs('peer') || runs('price')
      ? await measurePeer(workDir, { createOrder: bundleOf('createOrder'), getOrder: bundleOf('getOrder') }, log)
      : undefined;
  if (peer && runs('peer')) sections.push(peerSection(peer));
  if (runs('warm')) {
    log('warm overhead: GET /orders/{orderId} and POST /orders against their floors…');
    const warm = await measureWarmOverhead({ getOrder: bundleOf('getOrder'), createOrder: bundleOf('createOrder') });
    sections.push(warmOverheadSection(warm));
  }
  return { sections, peer };
};

/** Every benchmark (or those `only` names), one after the other so none disturbs another's timings. */
export const measureEverything = async (
  workDir: string,
  log: (line: string) => void,
  { only, baselineRef }: BenchOptions = {},
): Promise<BenchmarkSection[]> => {
  const runs: Runs = (name) => !only || only.has(name);
  const { sections, peer } = await measureBundles(workDir, log, runs);
  const cost = runs('cost') || runs('price') ? await measureOrderCost(log) : undefined;
  if (cost && runs('cost')) sections.push(costSection(cost));
  if (cost && peer && runs('price')) {
    sections.push(orderPriceSection({ cost, peer, memoryMb: packagedMemoryMb(workDir) }));
  }
  if (runs('scale')) sections.push(scaleSection(await measureScale(log)));
  if (runs('stock')) sections.push(stockSection(await measureStockCost(log), await measureFlashSale(log)));
  if (runs('start')) sections.push(startTimeSection(await measureStartTime(log)));
  if (runs('throughput')) sections.push(throughputSection(await measureThroughput(log, { baselineRef })));
  return sections;
};
