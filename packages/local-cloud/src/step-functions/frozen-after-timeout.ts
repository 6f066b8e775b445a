import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent, type ClientRequest } from 'node:http';
import { Socket } from 'node:net';

/** One invocation's sandbox: frozen once the invocation has timed out. */
export interface Sandbox {
  frozen: boolean;
}

const invocations = new AsyncLocalStorage<Sandbox>();
let installed = false;

/** Thrown into a request a frozen invocation tries to make: nothing is sent. */
export class FrozenSandboxError extends Error {
  override readonly name = 'FrozenSandboxError';
  constructor() {
    super('The invocation timed out: its sandbox is frozen and sends no more requests');
  }
}

/**
 * Lambda ends an invocation at its timeout: the function makes no call after it (the runtime is
 * stopped, and the environment reset). A handler run in this process cannot be stopped, so it
 * runs on; this refuses every HTTP request it makes after its timeout (its SDK and Stripe clients
 * use node:http agents), before a byte is sent. Without it a step that timed out could still take
 * stock after the workflow's compensation had given it back (ReserveStock retried, then caught,
 * then ReleaseStock, then the first attempt's write), which no Lambda can do.
 */
const refuseRequestsOfFrozenInvocations = () => {
  if (installed) return;
  installed = true;
  // Every agent's requests pass here as each is created, in the async context of its caller
  // (`addRequest` is Node's own, undocumented: in-process-lambdas.test.ts holds it to this).
  type AddRequest = (this: Agent, request: ClientRequest, ...rest: unknown[]) => void;
  const agentPrototype = Agent.prototype as Agent & { addRequest: AddRequest };
  const addRequest = agentPrototype.addRequest;
  agentPrototype.addRequest = function addRequestUnlessFrozen(request, ...rest) {
    if (!invocations.getStore()?.frozen) return addRequest.call(this, request, ...rest);
    // A socket that never connects, destroyed: the request fails as one whose connection failed.
    request.onSocket(new Socket());
    request.destroy(new FrozenSandboxError());
  };
};

/** Runs `invoke` in a sandbox that `freeze` freezes: its later HTTP requests are refused. */
export const inSandbox = <T>(invoke: () => T): { result: T; freeze(): void } => {
  refuseRequestsOfFrozenInvocations();
  const sandbox: Sandbox = { frozen: false };
  return { result: invocations.run(sandbox, invoke), freeze: () => (sandbox.frozen = true) };
};
