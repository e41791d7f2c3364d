import { type Layer, topLayers } from "../../src/analysis/image-layers.js";
import { normalizeText, stripAccents } from "../../src/text/normalize.js";
import type { TextUnit } from "./blocks.js";

/** The layers a report talks about, named by the instruction that makes them. */
export type LayerKind = "base" | "pip" | "apt" | "copy";

export interface LayerClaim {
  kind: LayerKind;
  weight: "heavy" | "light";
  /** The clause that makes the claim, as written. */
  quote: string;
  line?: number;
}

/** Words naming each kind of layer. Dockerfile keywords count only in capitals: "from" and "add" are English words. */
const KINDS: Array<{ kind: LayerKind; words: RegExp; keyword?: RegExp }> = [
  {
    kind: "base",
    words:
      /\b(?:(?:images?|couches?|layers?)\s+(?:de\s+|d')?(?:l'image\s+de\s+)?base|base\s+(?:images?|layers?)|python:\d[\w.-]*|debian|bookworm|alpine)\b/i,
    keyword: /\bFROM\b/,
  },
  { kind: "pip", words: /\bpip3?\b|requirements|\bdependan\w*|\bdependenc\w*|librair\w*|librar(?:y|ies)\b/i },
  { kind: "apt", words: /\bapt(?:-get)?\b|\bapk add\b/i },
  {
    kind: "copy",
    words: /\bapp\.py\b|quotes\.txt|\bcode source\b|\bsource code\b/i,
    keyword: /\b(?:COPY|ADD)\b/,
  },
];

const HEAVY =
  /\b(?:lourde?s?|pes(?:e|ent) (?:le plus|presque tout|l'essentiel|beaucoup)|l'essentiel|la majeure partie|la majorite|(?:la|les) plus gross?e?s?|plus gross?e?s?|volumineu\w*|heav(?:y|ier|iest)|biggest|largest|the bulk|most of the (?:size|space|image|weight)|weighs? (?:the )?most|weighs? a lot|domin\w*|presque tout|almost all|nearly all)\b/;
const LIGHT =
  /\b(?:minuscules?|negligeables?|insignifiante?s?|presque rien|rien|quasi nulle?s?|tiny|negligible|almost nothing|nothing|quelques (?:octets|ko|kilo-?octets)|a few (?:bytes|kilobytes|kb))\b|(?<!plus )\b(?:legere?s?|petite?s?)\b|(?:^|\s)0 ?(?:b|o|octets?|bytes?)\b/;
const NEGATION = /\b(?:ne|n'|pas|not|no|non|isn't|aren't|never|jamais)\b/;
// A hedge makes a guess, not a claim: "may be very heavy", "proportional to the data folder".
const HEDGE =
  /\b(?:peut|peuvent|pourrai\w*|may|might|could|selon|depends?|depending|proportionnel\w*|proportional|eventuellement|potentiellement|parfois|sometimes)\b/;

type Cue = "heavy" | "light" | "none" | "void";

/** What a clause says about weight: heavy, light, nothing, or something that must not count (mixed, negated, hedged). */
function cueOf(clause: string): Cue {
  const text = normalizeText(clause);
  if (HEDGE.test(text)) return "void";
  const heavy = HEAVY.exec(text);
  const light = LIGHT.test(text);
  if (!heavy && !light) return "none";
  if (heavy && light) return "void";
  if (heavy && NEGATION.test(text.slice(0, heavy.index))) return "void";
  return heavy ? "heavy" : "light";
}

/** Sentences, then clauses: a comma followed by a space ends one ("1,43 kB" stays whole). */
function sentences(text: string): string[][] {
  return text
    .split(/(?<=[.!?])\s+|;|\n/)
    .map((sentence) =>
      sentence
        .split(/,\s+/)
        .map((c) => c.trim())
        .filter((c) => c.length > 0),
    )
    .filter((clauses) => clauses.length > 0);
}

/**
 * The layers the report calls heavy (any kind) or tiny (COPY only: "small" is relative for the base or
 * the dependencies). A clause naming layers without a cue takes the cue of the next clause of its
 * sentence ("WORKDIR, COPY app.py, CMD: negligible size"), else the one of the list item it sits under
 * ("Heavy layers:" followed by a list). Mixed, negated and hedged cues claim nothing.
 */
export function layerClaims(units: readonly TextUnit[]): LayerClaim[] {
  const out: LayerClaim[] = [];
  for (const unit of units) {
    if (unit.code) continue;
    const inherited = unit.context ? cueOf(unit.context) : "none";
    for (const clauses of sentences(unit.text)) {
      const cues = clauses.map(cueOf);
      clauses.forEach((clause, i) => {
        const raw = stripAccents(clause);
        const kinds = KINDS.filter((k) => k.words.test(raw) || k.keyword?.test(raw)).map((k) => k.kind);
        if (kinds.length === 0) return;
        const cue = [cues[i], ...cues.slice(i + 1)].find((c) => c !== "none") ?? inherited;
        if (cue !== "heavy" && cue !== "light") return;
        for (const kind of kinds)
          if (cue === "heavy" || kind === "copy")
            out.push({ kind, weight: cue, quote: clause, line: unit.line });
      });
    }
  }
  return out;
}

/** The image's layers of one kind: the base's, or the student's RUN pip / RUN apt / COPY layers. */
export function layersOfKind(layers: readonly Layer[], kind: LayerKind): Layer[] {
  if (kind === "base") return layers.filter((l) => l.base);
  const student = layers.filter((l) => !l.base);
  if (kind === "copy") return student.filter((l) => /^(COPY|ADD)\b/.test(l.instruction));
  const run = student.filter((l) => /^RUN\b/.test(l.instruction));
  if (kind === "pip")
    return run.filter((l) => /\bpip3?(\.exe)?\s+install\b|-m\s+pip\s+install\b/.test(l.instruction));
  return run.filter((l) => /\bapt(-get)?\s+(-\S+\s+)*install\b|\bapk\s+add\b/.test(l.instruction));
}

export interface ClaimCheck {
  claim: LayerClaim;
  verified: boolean;
  /** The layer the verdict rests on: the heaviest of its kind. */
  layer?: Layer;
  /** Its rank among the heaviest layers (1 = heaviest), when among the `top`. */
  rank?: number;
}

/** A heavy claim holds when a layer of its kind is among the `top` heaviest and weighs at least `heavyMinBytes`; a light one when every layer of its kind stays under `lightMaxBytes`. */
export function checkLayerClaim(
  claim: LayerClaim,
  layers: readonly Layer[],
  options: { top: number; heavyMinBytes: number; lightMaxBytes: number },
): ClaimCheck {
  const ofKind = layersOfKind(layers, claim.kind).sort((a, b) => b.size - a.size);
  const heaviest = ofKind[0];
  if (!heaviest) return { claim, verified: false };
  if (claim.weight === "light")
    return { claim, verified: heaviest.size < options.lightMaxBytes, layer: heaviest };
  const top = topLayers(layers, options.top);
  const index = top.findIndex((l) => ofKind.includes(l) && l.size >= options.heavyMinBytes);
  if (index < 0) return { claim, verified: false, layer: heaviest };
  return { claim, verified: true, layer: top[index], rank: index + 1 };
}
