import '@xyflow/react/dist/style.css';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import ELK from 'elkjs/lib/elk.bundled.js';
import { useEffect, useMemo, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import type { WorkflowDefinition, WorkflowLayout } from '@layanan/workflow';
import { STATE_COLOURS } from './colours';

/** What the case page overlays on the diagram: where the case is and where it has been. */
export interface CaseTrail {
  current: string;
  /** Times each state was entered. */
  visits: Record<string, number>;
  /** Moves taken, as 'from>to'. */
  moves: Set<string>;
}

export interface WorkflowDiagramProps {
  definition: WorkflowDefinition;
  layout?: WorkflowLayout;
  /** Designer: the state being edited, outlined (not coloured). */
  selected?: string | null;
  /** States with a problem (red: nothing else is red). */
  problemStates?: Set<string>;
  trail?: CaseTrail;
  onSelect?: (state: string) => void;
  /** Designer: a node was dragged; its position is kept in the layout, not the definition. */
  onMove?: (state: string, position: { x: number; y: number }) => void;
  height?: number;
  /**
   * How state and event keys show. 'caption' (the designer's): the key under each label, events
   * by key. 'tooltip': only the human labels (events as the console's action names), the state key
   * as the node's title. 'hidden': labels only. The case page passes 'tooltip' to admins, else 'hidden'.
   */
  keys?: 'caption' | 'tooltip' | 'hidden';
}

interface StateNodeData extends Record<string, unknown> {
  title: string;
  stateKey: string;
  keys: 'caption' | 'tooltip' | 'hidden';
  loops: string[];
  final: boolean;
  initial: boolean;
  selected: boolean;
  problem: boolean;
  current: boolean;
  visits: number;
  clock: string;
}

const elk = new ELK();
const NODE_W = 190;
const nodeHeight = (loops: number) => 64 + (loops > 0 ? 28 : 0);

function StateNode({ data }: NodeProps<Node<StateNodeData>>) {
  const translate = useTranslate();
  const colours = data.current ? STATE_COLOURS.current : data.visits > 0 ? STATE_COLOURS.visited : STATE_COLOURS.plain;
  return (
    <Box
      data-testid={`wf-node-${data.stateKey}`}
      title={data.keys === 'tooltip' ? data.stateKey : undefined}
      // Classes name what the colours show (current, visited), for tests and assistive styles.
      className={data.current ? 'wf-current' : data.visits > 0 ? 'wf-visited' : undefined}
      sx={{
        width: NODE_W,
        minHeight: nodeHeight(data.loops.length),
        boxSizing: 'border-box',
        bgcolor: colours.bg,
        color: colours.fg,
        border: data.problem ? `2px solid ${STATE_COLOURS.problem}` : `1px solid ${colours.border}`,
        // Terminal states have a double frame, the initial one a thick left bar: shapes, not colours.
        outline: data.final ? `3px double ${colours.border}` : 'none',
        outlineOffset: 2,
        borderLeft: data.initial ? `6px solid ${colours.border}` : undefined,
        boxShadow: data.selected ? `0 0 0 3px ${STATE_COLOURS.selection}` : 'none',
        borderRadius: 2,
        p: 1,
        '@keyframes wfPulse': {
          '0%': { boxShadow: '0 0 0 0 rgba(25,118,210,0.6)' },
          '100%': { boxShadow: '0 0 0 10px rgba(25,118,210,0)' },
        },
        animation: data.current ? 'wfPulse 1.6s ease-out infinite' : 'none',
      }}
    >
      <Handle type="target" position={Position.Left} style={{ opacity: 0 }} />
      <Typography variant="body2" sx={{ fontWeight: 600, lineHeight: 1.2 }}>
        {data.title}
      </Typography>
      <Typography variant="caption" sx={{ display: 'block', opacity: 0.8 }}>
        {data.keys === 'caption' ? `${data.stateKey} · ` : ''}
        {translate(`lt.designer.clock.${data.clock}`)}
        {data.visits > 1 ? ` · ${translate('lt.designer.visits', { n: data.visits })}` : ''}
      </Typography>
      {data.loops.length > 0 && (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
          {data.loops.map((e) => (
            <Chip
              key={e}
              size="small"
              variant="outlined"
              label={`↻ ${data.keys === 'caption' ? e : translate(`lt.action.${e}`, { _: e })}`}
              sx={{ height: 20, fontSize: 11, color: 'inherit', borderColor: 'currentColor' }}
            />
          ))}
        </Box>
      )}
      <Handle type="source" position={Position.Right} style={{ opacity: 0 }} />
    </Box>
  );
}

const NODE_TYPES = { state: StateNode };

interface Pair {
  source: string;
  target: string;
  events: string[];
}

/** Transitions between two states drawn as one edge listing its events; self-loops become chips. */
function pairsOf(def: WorkflowDefinition): Pair[] {
  const pairs = new Map<string, Pair>();
  for (const [source, state] of Object.entries(def.states)) {
    for (const [event, t] of Object.entries(state.on ?? {})) {
      if (t.target === source || !Object.prototype.hasOwnProperty.call(def.states, t.target)) continue;
      const id = `${source}>${t.target}`;
      const pair = pairs.get(id) ?? { source, target: t.target, events: [] };
      pair.events.push(event);
      pairs.set(id, pair);
    }
  }
  return [...pairs.values()];
}

const loopsOf = (def: WorkflowDefinition, state: string) =>
  Object.entries(def.states[state]?.on ?? {})
    .filter(([, t]) => t.target === state)
    .map(([e]) => e);

/** ELK's layered layout, left to right; recomputed when the graph's shape changes, not its labels. */
function useElkPositions(def: WorkflowDefinition): { positions: Record<string, { x: number; y: number }> | null; shape: string } {
  const shape = useMemo(
    () =>
      JSON.stringify({
        s: Object.keys(def.states).map((s) => [s, loopsOf(def, s).length]),
        p: pairsOf(def).map((p) => [p.source, p.target]),
      }),
    [def],
  );
  const [positions, setPositions] = useState<Record<string, { x: number; y: number }> | null>(null);
  useEffect(() => {
    let live = true;
    const { s, p } = JSON.parse(shape) as { s: [string, number][]; p: [string, string][] };
    elk
      .layout({
        id: 'root',
        layoutOptions: {
          'elk.algorithm': 'layered',
          'elk.direction': 'RIGHT',
          'elk.layered.spacing.nodeNodeBetweenLayers': '90',
          'elk.spacing.nodeNode': '40',
          'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
        },
        children: s.map(([id, loops]) => ({ id, width: NODE_W, height: nodeHeight(loops) })),
        edges: p.map(([source, target], i) => ({ id: `e${i}`, sources: [source], targets: [target] })),
      })
      .then((g) => {
        if (live) setPositions(Object.fromEntries((g.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }])));
      })
      .catch(() => {
        if (live) setPositions(Object.fromEntries(s.map(([id], i) => [id, { x: i * (NODE_W + 80), y: 0 }])));
      });
    return () => {
      live = false;
    };
  }, [shape]);
  return { positions, shape };
}

export function WorkflowDiagram({
  definition,
  layout,
  selected,
  problemStates,
  trail,
  onSelect,
  onMove,
  height = 420,
  keys = 'caption',
}: WorkflowDiagramProps) {
  const locale = useLocale();
  const translate = useTranslate();
  const lang = locale === 'en' ? 'en' : 'id';
  const { positions: auto, shape } = useElkPositions(definition);
  const [dragged, setDragged] = useState<Record<string, { x: number; y: number }>>({});

  const nodes: Node<StateNodeData>[] = useMemo(() => {
    if (!auto) return [];
    return Object.entries(definition.states).map(([key, state]) => ({
      id: key,
      type: 'state',
      position: dragged[key] ?? layout?.positions[key] ?? auto[key] ?? { x: 0, y: 0 },
      data: {
        title: state.label?.[lang] || key,
        stateKey: key,
        keys,
        loops: loopsOf(definition, key),
        final: state.final === true,
        initial: definition.initial === key,
        selected: selected === key,
        problem: problemStates?.has(key) ?? false,
        current: trail?.current === key,
        visits: trail?.visits[key] ?? 0,
        clock: state.clock,
      },
    }));
  }, [auto, definition, dragged, layout, lang, selected, problemStates, trail, keys]);

  const edges: Edge[] = useMemo(
    () =>
      pairsOf(definition).map((p) => {
        const taken = trail ? trail.moves.has(`${p.source}>${p.target}`) : true;
        const colour = taken ? STATE_COLOURS.edge : STATE_COLOURS.edgeNotTaken;
        return {
          id: `${p.source}>${p.target}`,
          source: p.source,
          target: p.target,
          type: 'smoothstep',
          className: trail && taken ? 'wf-taken' : undefined,
          label: p.events.map((e) => (keys === 'caption' ? e : translate(`lt.action.${e}`, { _: e }))).join(' · '),
          labelBgPadding: [6, 3] as [number, number],
          labelBgBorderRadius: 4,
          labelBgStyle: { fill: '#fff', fillOpacity: 0.95 },
          labelStyle: { fontSize: 11 },
          style: { stroke: colour, strokeWidth: trail && taken ? 2.5 : 1.5, strokeDasharray: taken ? undefined : '4 4' },
          markerEnd: { type: MarkerType.ArrowClosed, color: colour },
        };
      }),
    [definition, trail, keys, translate],
  );

  return (
    <Box sx={{ height, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: '#fafafa' }} data-testid="workflow-diagram">
      {auto && (
        <ReactFlow
          // A new step or edge fits the view again; label edits and drags keep the zoom.
          key={shape}
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          fitView
          minZoom={0.2}
          nodesDraggable={Boolean(onMove)}
          nodesConnectable={false}
          elementsSelectable={Boolean(onSelect)}
          onNodeClick={(_, n) => onSelect?.(n.id)}
          onNodeDrag={(_, n) => setDragged((d) => ({ ...d, [n.id]: n.position }))}
          onNodeDragStop={(_, n) => onMove?.(n.id, n.position)}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
    </Box>
  );
}
