/**
 * A config as an admin writes it (issue 10 §2), through the admin API or the CLI: the shape of
 * PRODUCT.md §3.1, Hourbook's rule settings, and a write-only `accessCode`. One schema and one
 * parse for both, with one message per field that is wrong.
 */
import * as z from 'zod/mini';
import { configShape, crossFieldChecks } from './config.js';
import type { InstanceConfig } from './config.js';
import { ValidationError } from './errors.js';

const ACCESS_CODE_RULE = 'accessCode must be text of 4-200 characters, or null to remove it';

const configInputSchema = z
  .strictObject(
    {
      ...configShape,
      createdAt: z.optional(configShape.createdAt),
      // Omitted: keep the code the instance has; null: remove it (the instance is open).
      accessCode: z.optional(
        z.nullable(
          z
            .string({ error: ACCESS_CODE_RULE })
            .check(z.minLength(4, ACCESS_CODE_RULE), z.maxLength(200, ACCESS_CODE_RULE)),
        ),
      ),
    },
    { error: 'a config must be one JSON object' },
  )
  .check(crossFieldChecks);

const ALLOWED_FIELDS = Object.keys(configInputSchema.def.shape).join(', ');

/** A checked config, and what to do with the access code: set it, remove it (null) or keep it (undefined). */
export interface ConfigInput {
  config: InstanceConfig;
  accessCode: string | null | undefined;
}

/** One message per field path, e.g. `{ 'users.2.key': 'key "m" is reserved for Move' }`. */
function configFieldsOf(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  const add = (field: string, message: string) => {
    fields[field] = fields[field] ? `${fields[field]}; ${message}` : message;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(key, `unknown field (a config has ${ALLOWED_FIELDS})`);
    } else {
      add(issue.path.join('.') || '(root)', issue.message);
    }
  }
  return fields;
}

/**
 * Checks what an admin sent for an instance. `slug` (the instance the write is for, e.g. from
 * the URL) fills a missing `slug` and must equal a given one; `createdAt` fills a missing one.
 * Throws `ValidationError('Invalid config', fields)`.
 */
export function parseConfigInput(input: unknown, options: { slug?: string; createdAt: string }): ConfigInput {
  const isRecord = typeof input === 'object' && input !== null && !Array.isArray(input);
  const filled = isRecord
    ? { ...(options.slug === undefined ? {} : { slug: options.slug }), createdAt: options.createdAt, ...input }
    : input;
  const parsed = configInputSchema.safeParse(filled);
  if (!parsed.success) throw new ValidationError('Invalid config', configFieldsOf(parsed.error));
  const { accessCode, ...config } = parsed.data;
  if (options.slug !== undefined && config.slug !== options.slug) {
    throw new ValidationError('Invalid config', { slug: `slug must be "${options.slug}", the instance written to` });
  }
  return { config: { ...config, createdAt: config.createdAt ?? options.createdAt }, accessCode };
}
