// The workflow as a graph, read from its ASL definition: one node per state (a Parallel's or a
// Map's nested states inside it, one box per branch) and one edge per transition a state can take.
// Pure: the console lays it out once at start and colours it per execution.

export type GraphEdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphState {
  /** The state's name: unique across the whole state machine, nested states included. */
  readonly name: string;
  readonly type: string;
  /** The branch box this state sits in, for a state inside a Parallel or a Map. */
  readonly branch?: string;
  /** The state the execution, or its branch, starts at. */
  readonly start: boolean;
}

/** One branch of a Parallel (or a Map's item processor): a box inside the state's box. */
export interface GraphBranch {
  readonly id: string;
  /** The Parallel or Map state the branch belongs to. */
  readonly owner: string;
}

export interface GraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** A Choice rule's condition, or the errors a Catch takes (unless it takes them all). */
  readonly label?: string;
}

export interface WorkflowGraph {
  readonly states: readonly GraphState[];
  readonly branches: readonly GraphBranch[];
  readonly edges: readonly GraphEdge[];
}

interface StateMachineLike {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, StateLike>>;
}

interface ChoiceRuleLike extends Readonly<Record<string, unknown>> {
  readonly Next?: string;
  readonly Variable?: string;
}

interface StateLike {
  readonly Type: string;
  readonly Next?: string;
  readonly Default?: string;
  readonly Choices?: readonly ChoiceRuleLike[];
  readonly Catch?: readonly { readonly ErrorEquals: readonly string[]; readonly Next: string }[];
  readonly Branches?: readonly StateMachineLike[];
  readonly ItemProcessor?: StateMachineLike;
  /** The name Map had for ItemProcessor before 2022; still accepted. */
  readonly Iterator?: StateMachineLike;
}

const CATCH_ALL = 'States.ALL';

const COMPARISON =
  /^(?:String|Numeric|Boolean|Timestamp)(Equals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)(?:Path)?$/;
const SYMBOLS: Readonly<Record<string, string>> = {
  Equals: '=',
  LessThan: '<',
  LessThanEquals: '<=',
  GreaterThan: '>',
  GreaterThanEquals: '>=',
};

/** `$.payment.outcome = AUTHORIZED` for a comparison; a compound rule (And, Or, Not) by its operator. */
export const describeChoiceRule = (rule: ChoiceRuleLike): string => {
  const [operator, value] = Object.entries(rule).find(
    ([key]) => key !== 'Next' && key !== 'Variable' && key !== 'Comment',
  ) ?? ['rule', undefined];
  if (rule.Variable === undefined) return operator;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  const symbol = SYMBOLS[COMPARISON.exec(operator)?.[1] ?? ''];
  return symbol ? `${rule.Variable} ${symbol} ${shown}` : `${rule.Variable} ${operator} ${shown}`;
};

const nestedMachinesOf = (state: StateLike): readonly StateMachineLike[] => {
  if (state.Type === 'Parallel') return state.Branches ?? [];
  const processor = state.ItemProcessor ?? state.Iterator;
  return state.Type === 'Map' && processor ? [processor] : [];
};

/** Every state of `definition`, nested ones included, and every transition between them. */
export const buildWorkflowGraph = (definition: unknown): WorkflowGraph => {
  const states: GraphState[] = [];
  const branches: GraphBranch[] = [];
  const edges: GraphEdge[] = [];

  const addEdge = (from: string, to: string, kind: GraphEdgeKind, label?: string) =>
    edges.push({
      id: `${from}->${to}:${kind}:${edges.length}`,
      from,
      to,
      kind,
      ...(label === undefined ? {} : { label }),
    });

  const visit = (machine: StateMachineLike, branch: string | undefined) => {
    for (const [name, state] of Object.entries(machine.States)) {
      states.push({ name, type: state.Type, ...(branch ? { branch } : {}), start: name === machine.StartAt });
      if (state.Next) addEdge(name, state.Next, 'next');
      for (const rule of state.Choices ?? []) {
        if (rule.Next) addEdge(name, rule.Next, 'choice', describeChoiceRule(rule));
      }
      if (state.Default) addEdge(name, state.Default, 'default', 'default');
      for (const catcher of state.Catch ?? []) {
        const errors = catcher.ErrorEquals.filter((error) => error !== CATCH_ALL);
        addEdge(name, catcher.Next, 'catch', errors.length > 0 ? errors.join(', ') : undefined);
      }
      nestedMachinesOf(state).forEach((nested, index) => {
        const id = `${name}/branch-${index + 1}`;
        branches.push({ id, owner: name });
        visit(nested, id);
      });
    }
  };
  visit(definition as StateMachineLike, undefined);
  return { states, branches, edges };
};
