// The server's message for one field, right under it; the input points here with
// aria-describedby (invalidProps in lib/field-errors.ts).
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null
  return (
    <p id={`${id}-error`} class="field-error">
      {error}
    </p>
  )
}
