import os from 'node:os';
import { describeMachine, renderReport, type BenchmarkSection } from './report';

const section = (goal: string, met: boolean): BenchmarkSection => ({
  goal,
  met,
  markdown: `## ${goal}\n\nfigures of ${goal}\n`,
});

describe('the benchmarks report', () => {
  const facts = { minutes: 12.34, commit: 'abc1234', date: new Date('2026-05-04T22:30:00.000Z'), machine: '8 × CPU' };

  it('lists every goal as met or missed, then each goal’s figures in order', () => {
    const report = renderReport([section('cold import', true), section('cost per order', false)], facts);

    expect(report).toContain(
      '| goal | result |\n| --- | --- |\n| cold import | met |\n| cost per order | **missed** |\n',
    );
    expect(report.indexOf('## cold import')).toBeGreaterThan(report.indexOf('| cost per order | **missed** |'));
    expect(report.indexOf('## cost per order')).toBeGreaterThan(report.indexOf('## cold import'));
    expect(report).toContain('figures of cost per order');
  });

  it('names the run: how long it took, its date and commit, and the machine', () => {
    const report = renderReport([section('cold import', true)], facts);

    expect(report.startsWith('# Benchmarks\n')).toBe(true);
    expect(report).toContain('in one run of 12.3 minutes');
    expect(report).toContain('- Date: 2026-05-04, commit abc1234\n- Machine: 8 × CPU\n');
  });
});

describe('the machine the figures were measured on', () => {
  it('names its CPUs, memory, platform and Node version', () => {
    const machine = describeMachine();

    expect(machine).toMatch(/^\d+ × .+, \d+ GiB, /);
    expect(machine).toContain(`${process.platform}/${process.arch}`);
    expect(machine).toContain(`Node ${process.version}`);
    expect(machine).toContain('Node v');
  });
});

describe('the machine, when Node cannot name its CPU', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says so rather than failing', () => {
    jest.spyOn(os, 'cpus').mockReturnValue([]);

    expect(describeMachine()).toMatch(/^0 × unknown CPU, /);
  });
});
