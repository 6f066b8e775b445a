// Times are shown in UTC, as Step Functions and the CLI show them, to the millisecond: a local
// execution's states often run within the same second.

export const formatTime = (iso: string | undefined): string => (iso ? iso.slice(11, 23) : '—');

export const formatDateTime = (iso: string): string => `${iso.slice(0, 10)} ${formatTime(iso)}`;

export const formatDuration = (ms: number | undefined): string => {
  if (ms === undefined) return '—';
  if (ms < 1_000) return `${ms} ms`;
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
};
