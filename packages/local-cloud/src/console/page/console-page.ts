import type { ExecutionReport } from '@order-platform/ops/report';
import { stateHighlights } from '../state-highlights';
import { renderAlerts } from './alerts-panel';
import { ApiError, fetchAlerts, fetchExecution, fetchExecutions, fetchGraph, fetchOrderEvents } from './api';
import { html, required } from './dom';
import { renderExecutionSummary, renderTimeline } from './execution-detail';
import { renderExecutions } from './executions-table';
import { drawWorkflowGraph, highlightWorkflowGraph } from './graph-view';
import { renderOrderEvents } from './order-events-table';

// The console page: polls the console's API every second, so an execution's status, its detail
// and the alerts change in place as the workflow runs. The selected execution is in the URL
// (#/executions/<orderId>), so a link to it can be shared and the back button works.

const POLL_INTERVAL_MS = 1_000;

const page = {
  statusFilter: required<HTMLSelectElement>('#status-filter'),
  executions: required<HTMLTableSectionElement>('#executions tbody'),
  truncated: required<HTMLElement>('#executions-truncated'),
  detail: required<HTMLElement>('#detail'),
  summary: required<HTMLElement>('#execution-summary'),
  graph: required<HTMLElement>('#graph'),
  timeline: required<HTMLTableSectionElement>('#timeline tbody'),
  orderEvents: required<HTMLTableSectionElement>('#order-events tbody'),
  alerts: required<HTMLElement>('#alerts'),
  connection: required<HTMLElement>('#connection'),
};

const selectedOrderId = (): string | undefined => {
  const selected = /^#\/executions\/(.+)$/.exec(window.location.hash)?.[1];
  return selected === undefined ? undefined : decodeURIComponent(selected);
};

/** What is on screen, so a poll that brings nothing new redraws nothing. */
const shown = { executions: '', alerts: '', orderEvents: '', detail: undefined as ExecutionReport | undefined };

const refreshExecutions = async () => {
  const { executions, truncated } = await fetchExecutions(page.statusFilter.value);
  const selected = selectedOrderId();
  const key = JSON.stringify([executions, selected]);
  if (key === shown.executions) return;
  shown.executions = key;
  renderExecutions(page.executions, executions, selected);
  page.truncated.hidden = !truncated;
};

const showDetail = (report: ExecutionReport | undefined, message?: string) => {
  shown.detail = report;
  page.detail.dataset.orderId = report?.orderId ?? '';
  page.detail.dataset.status = report?.status ?? '';
  page.detail.classList.toggle('empty', report === undefined);
  if (report) {
    renderExecutionSummary(page.summary, report);
    renderTimeline(page.timeline, report);
  } else {
    page.summary.replaceChildren(html('p', { class: 'hint' }, message ?? 'Select an execution to see its path.'));
    page.timeline.replaceChildren();
  }
  const graph = page.graph.querySelector<SVGSVGElement>('svg');
  if (graph) highlightWorkflowGraph(graph, report ? stateHighlights(report) : undefined);
};

const refreshDetail = async () => {
  const orderId = selectedOrderId();
  if (orderId === undefined) {
    if (shown.detail !== undefined || page.detail.dataset.orderId === undefined) showDetail(undefined);
    return;
  }
  // A closed execution's history does not change: it is read once.
  if (shown.detail?.orderId === orderId && shown.detail.status !== 'RUNNING') return;
  try {
    const report = await fetchExecution(orderId);
    if (JSON.stringify(report) !== JSON.stringify(shown.detail)) showDetail(report);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    showDetail(undefined, error.message);
  }
};

/** The selected order's events: polled while it is selected, as they may come after its execution closed. */
const refreshOrderEvents = async () => {
  const orderId = selectedOrderId();
  const { events } = orderId === undefined ? { events: [] } : await fetchOrderEvents(orderId);
  const key = JSON.stringify([orderId, events]);
  if (key === shown.orderEvents) return;
  shown.orderEvents = key;
  renderOrderEvents(page.orderEvents, events);
};

const refreshAlerts = async () => {
  const { alerts } = await fetchAlerts();
  const key = JSON.stringify(alerts);
  if (key === shown.alerts) return;
  shown.alerts = key;
  renderAlerts(page.alerts, alerts);
};

const refresh = async () => {
  try {
    await Promise.all([refreshExecutions(), refreshDetail(), refreshOrderEvents(), refreshAlerts()]);
    page.connection.hidden = true;
  } catch (error) {
    page.connection.hidden = false;
    page.connection.textContent = `The console cannot read the local stack: ${(error as Error).message}`;
  }
};

const pollForever = async () => {
  await refresh();
  window.setTimeout(() => void pollForever(), POLL_INTERVAL_MS);
};

const start = async () => {
  page.graph.replaceChildren(drawWorkflowGraph(await fetchGraph()));
  page.statusFilter.addEventListener('change', () => void refresh());
  window.addEventListener('hashchange', () => void refresh());
  page.executions.addEventListener('click', (event) => {
    const row = (event.target as Element).closest<HTMLTableRowElement>('tr[data-order-id]');
    if (row?.dataset.orderId) window.location.hash = `#/executions/${encodeURIComponent(row.dataset.orderId)}`;
  });
  await pollForever();
};

void start();
