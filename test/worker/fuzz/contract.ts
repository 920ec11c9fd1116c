// The parts of an OpenAPI 3.1 document the fuzz test reads: operations, their parameters,
// bodies and documented answers. Typed loosely on purpose: the document is data we check.
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  default?: unknown
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: JsonSchema
}

interface Media {
  schema?: JsonSchema
}

export interface OperationObject {
  security?: Record<string, string[]>[]
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content?: Record<string, Media> }
  responses: Record<string, { content?: Record<string, Media> }>
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>
  components?: { schemas?: Record<string, JsonSchema> }
}

export interface Operation {
  method: string
  path: string
  op: OperationObject
  /** "POST /v1/surveys" */
  name: string
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options'])

export function operations(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ method, path, op, name: `${method.toUpperCase()} ${path}` })),
  )
}

/** Follows `#/components/schemas/X` references (the only kind the generator emits). */
export function resolver(doc: OpenApiDocument) {
  return function resolve(s: JsonSchema): JsonSchema {
    let out = s
    for (let hops = 0; out.$ref && hops < 20; hops++) {
      const name = out.$ref.replace('#/components/schemas/', '')
      const target = doc.components?.schemas?.[name]
      if (!target) throw new Error(`unresolved $ref ${out.$ref}`)
      out = target
    }
    return out
  }
}

/** The documented answer for a status: exact code, then "4XX", then "default". */
export function documented(op: OperationObject, status: number) {
  return (
    op.responses[String(status)] ??
    op.responses[`${Math.floor(status / 100)}XX`] ??
    op.responses.default
  )
}

export const params = (op: OperationObject, where: Parameter['in']) =>
  (op.parameters ?? []).filter((p) => p.in === where)

/** Path params in template order, with a schema even where the document forgot one. */
export function pathParams(o: Operation): Parameter[] {
  const names = [...o.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
  const declared = params(o.op, 'path')
  return names.map((name) => declared.find((p) => p.name === name) ?? { name, in: 'path' })
}

const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded']

/** The body an operation takes, JSON first, then a form; other media types are not generated. */
export function bodyOf(op: OperationObject): { mime: string; schema: JsonSchema } | undefined {
  const content = op.requestBody?.content ?? {}
  const mime = BODY_TYPES.find((m) => content[m]?.schema)
  const schema = mime ? content[mime].schema : undefined
  return mime && schema ? { mime, schema } : undefined
}

export const mimeOf = (contentType: string | null) =>
  (contentType ?? '').split(';')[0].trim().toLowerCase()
