/**
 * What a feed's rules, incident tracking and actions look like in settings (zod, so the editor and
 * main validate the same way). Evaluation is in `engine.ts`, templates in `template.ts`.
 */
import { z } from 'zod';
import { patternError, PATTERN_MAX_CHARS } from './regex.ts';
import { TEMPLATE_FIELDS, unknownPlaceholders } from './template.ts';

/** Where a condition looks: a JSON pointer into the event's data, or `''` for the event itself. */
const field = z
  .string()
  .max(1000)
  .regex(/^(\/.*)?$/, 'A field is a JSON pointer like /rate, or empty for the event itself');

/** Which series a stateful condition follows (`/pair`: one per currency pair), or null. */
const per = field.nullable().default(null);

const finite = z.number().refine(Number.isFinite, 'Give a number');

/** How far back across a crossing's level the value must go before it can fire again. */
const rearm = finite.refine((value) => value >= 0, 'The distance cannot be negative').default(0);

/** A level 1 (min) … 5 (urgent). */
const severity = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** One test on an event. Numeric tests on the empty field read the feed's mapped value. */
export const ConditionSchema = z.discriminatedUnion('op', [
  /** The field's text is exactly this (case-sensitive: `"resolved"`). */
  z.object({ op: z.literal('equals'), field, value: z.string().max(1000) }),
  /** The field's text contains this, ignoring case. */
  z.object({
    op: z.literal('contains'),
    field,
    value: z.string().min(1, 'Give the text to look for').max(1000),
  }),
  /** A regular expression (RE2 syntax, linear time) found in the field's text, ignoring case. */
  z.object({
    op: z.literal('matches'),
    field,
    pattern: z
      .string()
      .min(1, 'Give a pattern')
      .max(PATTERN_MAX_CHARS)
      .superRefine((pattern, ctx) => {
        const error = patternError(pattern);
        if (error !== null) ctx.addIssue({ code: 'custom', message: error });
      }),
  }),
  z.object({ op: z.literal('gt'), field, value: finite }),
  z.object({ op: z.literal('lt'), field, value: finite }),
  /**
   * The value went from below the level to at or above it (per series). After firing it fires again
   * only once the value has been back below `level - rearm`: a noisy value around the level crosses
   * once, not at every tick (0: back below the level is enough).
   */
  z.object({ op: z.literal('crossesAbove'), field, level: finite, per, rearm }),
  /** The value went from above the level to at or below it (per series); again after `level + rearm`. */
  z.object({ op: z.literal('crossesBelow'), field, level: finite, per, rearm }),
  /** The value moved by at least `amount` (units, or % of where it was) within `withinMin` minutes. */
  z.object({
    op: z.literal('changesBy'),
    field,
    amount: finite.refine((value) => value > 0, 'The change must be more than 0'),
    unit: z.enum(['percent', 'units']).default('percent'),
    withinMin: z.number().min(0.1, 'At least 0.1 minutes').max(1440, 'At most 1440 minutes (a day)'),
    direction: z.enum(['any', 'up', 'down']).default('any'),
    per,
  }),
]);
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionOp = Condition['op'];
export const CONDITION_OPS: readonly ConditionOp[] = [
  'equals',
  'contains',
  'matches',
  'gt',
  'lt',
  'crossesAbove',
  'crossesBelow',
  'changesBy',
];

/** Conditions joined by all (and) or any (or). No conditions: every event matches (a catch-all). */
export const ConditionGroupSchema = z.object({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(ConditionSchema).max(10, 'At most 10 conditions').default([]),
});
export type ConditionGroup = z.infer<typeof ConditionGroupSchema>;

/** What a matching rule does: notify at a level, keep quiet, or only mark the event in history. */
export const RuleOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notify'), severity: severity.default(3) }),
  z.object({ kind: z.literal('quiet') }),
  z.object({ kind: z.literal('mark') }),
]);
export type RuleOutcome = z.infer<typeof RuleOutcomeSchema>;

/** The longest template (a message, an action's URL or body). */
export const TEMPLATE_MAX_CHARS = 2000;
/** A template whose every `{…}` is a JSON pointer or one of the event's fields. */
const template = z
  .string()
  .max(TEMPLATE_MAX_CHARS)
  .superRefine((text, ctx) => {
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `Unknown field {${unknown[0]!.slice(0, 60)}}: use a JSON pointer like {/pair} or one of ${TEMPLATE_FIELDS.map((name) => `{${name}}`).join(', ')}; write {{ and }} for a literal brace`,
      });
  });

/** One rule: the first enabled rule whose conditions hold decides the event. */
export const RuleSchema = ConditionGroupSchema.extend({
  name: z.string().trim().min(1, 'Give the rule a name').max(100),
  enabled: z.boolean().default(true),
  outcome: RuleOutcomeSchema.prefault({ kind: 'notify' }),
  /** The notification's headline, with `{/pointer}`, `{value}`, `{title}` … filled in; null keeps the title. */
  message: template.nullable().default(null),
});
export type Rule = z.infer<typeof RuleSchema>;
export const MAX_RULES = 50;

/**
 * Incident tracking: events with the same key (`/alert_id`) update one incident, which one
 * notification stands for; `resolvedWhen` closes it. A null key turns tracking off.
 */
export const IncidentConfigSchema = z.object({
  key: z
    .string()
    .regex(/^\/.*$/, 'An incident key is a JSON pointer like /alert_id')
    .max(1000)
    .nullable()
    .default(null),
  resolvedWhen: ConditionGroupSchema.nullable().default(null),
});
export type IncidentConfig = z.infer<typeof IncidentConfigSchema>;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * A button the user configures ("Acknowledge"): an HTTP request built from the event with templates,
 * sent with the feed's own headers and secrets, and only to the feed's own origin unless `allowHost`
 * names the one other host it may go to.
 */
export const FeedActionSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'An action id uses letters, digits, - and _ only'),
  label: z.string().trim().min(1, 'Give the button a label').max(40),
  method: z.enum(HTTP_METHODS).default('POST'),
  url: template.min(1, 'Give the address the action calls'),
  body: template.nullable().default(null),
  contentType: z
    .string()
    .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+(;[^\r\n]*)?$/, 'Not a media type')
    .max(200)
    .default('application/json'),
  allowHost: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'A host name, with an optional :port')
    .max(260)
    .nullable()
    .default(null),
});
export type FeedAction = z.infer<typeof FeedActionSchema>;
export const MAX_ACTIONS = 10;
